// Default seed data: a few store products and one approved member with a documented email and password.
import type { SeedData } from "./options.js";

export const DEMO_MEMBER_EMAIL = "member@example.com";
export const DEMO_MEMBER_PASSWORD = "wix-authz-demo";
export const DEMO_MEMBER_ID = "2f6c1a9e-8b3d-4e7f-a1c5-9d0b2e4f6a8c";

export const DEFAULT_SEED: SeedData = {
  members: [
    {
      id: DEMO_MEMBER_ID,
      email: DEMO_MEMBER_EMAIL,
      password: DEMO_MEMBER_PASSWORD,
      nickname: "Demo Member",
      status: "APPROVED",
      emailVerified: true,
    },
  ],
  products: [
    {
      id: "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e01",
      name: "Ceramic Mug",
      price: 12.5,
      productType: "physical",
      visible: true,
      description: "A 350 ml stoneware mug.",
    },
    {
      id: "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e02",
      name: "Linen Tote Bag",
      price: 24,
      productType: "physical",
      visible: true,
      description: "Natural linen, long handles.",
    },
    {
      id: "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e03",
      name: "Pottery Class E-Book",
      price: 9.99,
      productType: "digital",
      visible: true,
      description: "A PDF guide to wheel throwing.",
    },
    {
      id: "b1a7c3e5-0d2f-4a6b-8c9e-1f3a5b7d9e04",
      name: "Unreleased Teapot",
      price: 48,
      productType: "physical",
      visible: false,
      description: "Hidden from visitors until launch.",
    },
  ],
};
