// Nothing for wix-authz here: the generated clients and the runtime build as they are.
export default {};
