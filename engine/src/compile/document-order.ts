/**
 * Where a JSON pointer leads in document order: one number per step, the index of the member
 * among its object's own keys as written (or of the item in its array). A member that is
 * missing sorts after every present one, so "the first problem" is the first one a reader meets.
 */
export function documentOrder(root: unknown, pointer: string): number[] {
  const order: number[] = [];
  if (pointer === '') return order;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const index = Number(token);
      order.push(Number.isInteger(index) ? index : Number.MAX_SAFE_INTEGER);
      current = current[index];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      order.push(Object.keys(current).indexOf(token));
      current = (current as Record<string, unknown>)[token];
    } else {
      order.push(Number.MAX_SAFE_INTEGER);
      break;
    }
  }
  return order;
}
