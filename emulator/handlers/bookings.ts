// Wix Bookings: create (CREATED), confirm and cancel with revision checks; members may cancel only their own bookings.
import { randomUUID } from "node:crypto";
import { WixApiError } from "../http.js";
import type { EmulatorState } from "../state.js";
import { type MethodCall, type MethodHandler, record, text } from "./types.js";

interface Booking {
  id: string;
  status: "CREATED" | "CONFIRMED" | "CANCELED";
  revision: string;
  totalParticipants: number;
  bookedEntity: Record<string, unknown>;
  contactDetails?: Record<string, unknown>;
  createdDate: string;
}

/** Who made the booking (kept beside it, not in the response). */
interface BookingEntry {
  booking: Booking;
  memberId?: string;
}

function bookings(state: EmulatorState): Map<string, BookingEntry> {
  return state.collection<BookingEntry>("bookings");
}

const createBooking: MethodHandler = (call) => {
  const input = record(call.request["booking"]) ?? {};
  const booking: Booking = {
    id: randomUUID(),
    status: "CREATED",
    revision: "1",
    totalParticipants: typeof input["totalParticipants"] === "number" ? input["totalParticipants"] : 1,
    bookedEntity: record(input["bookedEntity"]) ?? {},
    createdDate: call.app.nowIso(),
  };
  const contact = record(input["contactDetails"]);
  if (contact !== undefined) booking.contactDetails = contact;
  const memberId = call.identity === "member" ? call.claims?.memberId : undefined;
  bookings(call.app.state).set(booking.id, { booking, ...(memberId !== undefined && { memberId }) });
  return { booking };
};

/** Optimistic concurrency, as Wix does it: the caller's revision must be the current one. */
function current(call: MethodCall): BookingEntry {
  const id = String(call.request["bookingId"]);
  const entry = bookings(call.app.state).get(id);
  if (entry === undefined) throw new WixApiError(404, "NOT_FOUND", `Booking ${id} not found`, { bookingId: id });
  const revision = text(call.request["revision"]);
  if (revision !== entry.booking.revision) {
    throw new WixApiError(
      409,
      "REVISION_MISMATCH",
      `Booking ${id} is at revision ${entry.booking.revision}, not ${revision}`,
      {
        currentRevision: entry.booking.revision,
      },
    );
  }
  return entry;
}

function transition(entry: BookingEntry, status: Booking["status"]): { booking: Booking } {
  if (entry.booking.status === "CANCELED") {
    throw new WixApiError(400, "BOOKING_ALREADY_CANCELED", `Booking ${entry.booking.id} is canceled`);
  }
  entry.booking.status = status;
  entry.booking.revision = String(Number(entry.booking.revision) + 1);
  return { booking: entry.booking };
}

export const bookingHandlers: Record<string, MethodHandler> = {
  "bookings.bookings.createBooking": createBooking,
  "bookings.bookings.confirmBooking": (call) => transition(current(call), "CONFIRMED"),
  "bookings.bookings.cancelBooking": (call) => {
    const entry = current(call);
    if (call.identity === "member" && entry.memberId !== call.claims?.memberId) {
      throw new WixApiError(403, "PERMISSION_DENIED", "Members may cancel only their own bookings");
    }
    return transition(entry, "CANCELED");
  },
};
