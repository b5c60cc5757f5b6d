/**
 * @peculiar/x509 resolves its algorithms through tsyringe, which insists on a
 * Reflect metadata API at load time. This is the small part of it tsyringe
 * uses; import this module before @peculiar/x509.
 */
type MetadataReflect = typeof Reflect & {
  getMetadata?: (key: unknown, target: object) => unknown;
  getOwnMetadata?: (key: unknown, target: object) => unknown;
  defineMetadata?: (key: unknown, value: unknown, target: object) => void;
};

const reflect = Reflect as MetadataReflect;
if (!reflect.getMetadata) {
  const store = new WeakMap<object, Map<unknown, unknown>>();
  const own = (target: object): Map<unknown, unknown> => {
    let map = store.get(target);
    if (!map) store.set(target, (map = new Map()));
    return map;
  };
  reflect.defineMetadata = (key, value, target) => void own(target).set(key, value);
  reflect.getOwnMetadata = (key, target) => store.get(target)?.get(key);
  reflect.getMetadata = (key, target) => {
    for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
      const map = store.get(t);
      if (map?.has(key)) return map.get(key);
    }
    return undefined;
  };
}

export {};
