/** The screen calibration, kept in this browser (a screen belongs to a machine, not a user). */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { cssPxPerMm, readStoredScale, type ScreenScale } from './screen-scale';

/** The calibration (null: nominal 96 dpi) and its two actions. */
export interface ScreenScaleState {
  readonly scale: ScreenScale | null;
  calibrate(scale: ScreenScale): void;
  reset(): void;
}

/** The localStorage key (the stored shape's version is persist's `version`). */
const SCREEN_SCALE_STORAGE_KEY = 'ecg-workbench.screen-scale';

export const useScreenScale = create<ScreenScaleState>()(
  persist(
    (set) => ({
      scale: null,
      calibrate: (scale) => set({ scale }),
      reset: () => set({ scale: null }),
    }),
    {
      name: SCREEN_SCALE_STORAGE_KEY,
      version: 1,
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ scale: s.scale }),
      // A stored value someone edited, or from another version, is dropped rather than trusted.
      merge: (stored, current) => ({
        ...current,
        scale: readStoredScale((stored as { scale?: unknown } | null)?.scale),
      }),
    },
  ),
);

/** CSS px per mm on this screen now (the device pixel ratio follows the browser's zoom). */
export function useScreenPxPerMm(): number {
  const scale = useScreenScale((s) => s.scale);
  return cssPxPerMm(scale, window.devicePixelRatio || 1);
}
