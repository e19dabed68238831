/** Which images to start loading and which to let go, given what is held and what is wanted. */
export function prefetchPlan(held: readonly string[], wanted: readonly string[]): { start: string[]; drop: string[] } {
  const want = new Set(wanted);
  const have = new Set(held);
  return { start: wanted.filter((id, i) => !have.has(id) && wanted.indexOf(id) === i), drop: held.filter((id) => !want.has(id)) };
}
