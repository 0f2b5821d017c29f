/** Millivolts per one of the given physical units (`mV`, `mv` -> 1, `uV` -> 0.001, `V` -> 1000); 1 for other units. */
export function mvPerUnit(units: string): number {
  switch (units.toLowerCase()) {
    case 'v':
      return 1000;
    case 'uv':
    case 'µv':
    case 'μv':
      return 1e-3;
    case 'nv':
      return 1e-6;
    default:
      return 1;
  }
}

/** True when the units are a voltage this reader converts to millivolts. */
export function isVoltageUnit(units: string): boolean {
  return ['v', 'mv', 'uv', 'µv', 'μv', 'nv'].includes(units.toLowerCase());
}
