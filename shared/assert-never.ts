/**
 * The end of a switch over a union that has handled every member: the type checker refuses the call
 * while a member is left, and a value the types did not foresee (from outside) throws.
 */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
