/**
 * Appends `item` to the group of `key`, in place. Grouping by copying the group for each item
 * (`map.set(k, [...(map.get(k) ?? []), item])`) is quadratic: it made a 60,000-sample import
 * block the server for seconds.
 */
export function groupInto<K, T>(groups: Map<K, T[]>, key: K, item: T): void {
  const group = groups.get(key);
  if (group) group.push(item);
  else groups.set(key, [item]);
}
