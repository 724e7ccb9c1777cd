// Data module: which answer is still wanted. Each begin() starts a new request of a kind and
// returns a check that stays true only while no newer request of that kind has started, so
// a slow answer never overwrites a newer one. No DOM, no Leaflet.
export function createLatest() {
  let current = 0;
  return {
    begin() {
      current += 1;
      const mine = current;
      return () => mine === current;
    },
  };
}
