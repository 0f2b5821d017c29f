/**
 * Screen calibration for true size: the user matches a drawn card to a real bank card held to
 * the screen. Rare (once per screen), so a modal dialog is fine; Escape cancels.
 */
import { useState } from 'react';
import { Button } from '../components/ui/button';
import { Message } from '../components/ui/message';
import { Modal } from '../components/ui/modal';
import {
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  calibrateFromCard,
  cardWidthCssPx,
  MAX_DEVICE_PX_PER_MM,
  MIN_DEVICE_PX_PER_MM,
} from './screen-scale';
import { useScreenScale } from './screen-scale-store';

/** A card's corner radius in mm (ISO/IEC 7810 ID-1). */
const CARD_CORNER_MM = 3.18;

/** The toolbar button and the dialog it opens. */
export function ScreenCalibration() {
  const scale = useScreenScale((s) => s.scale);
  const calibrate = useScreenScale((s) => s.calibrate);
  const reset = useScreenScale((s) => s.reset);
  const [open, setOpen] = useState(false);
  const dpr = window.devicePixelRatio || 1;
  const [widthPx, setWidthPx] = useState(() => cardWidthCssPx(scale, dpr));
  const [error, setError] = useState<string | null>(null);
  const minPx = (MIN_DEVICE_PX_PER_MM * CARD_WIDTH_MM) / dpr;
  const maxPx = (MAX_DEVICE_PX_PER_MM * CARD_WIDTH_MM) / dpr;

  const show = () => {
    setWidthPx(Math.round(cardWidthCssPx(scale, dpr) * 10) / 10);
    setError(null);
    setOpen(true);
  };
  const save = () => {
    try {
      calibrate(calibrateFromCard(widthPx, dpr));
      setOpen(false);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const nudge = (px: number) => setWidthPx((w) => Math.round((w + px) * 10) / 10);
  const pxPerMm = widthPx / CARD_WIDTH_MM;
  // The slider and the number box edit the same width.
  const widthInput = {
    min: minPx,
    max: maxPx,
    value: widthPx,
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setWidthPx(Number(e.target.value)),
  };

  return (
    <>
      <Button
        onClick={show}
        title="Calibrate true size to this screen with a bank card"
        aria-haspopup="dialog"
      >
        Screen: {scale ? 'calibrated' : '96 dpi'}
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} title="Calibrate true size">
        <p className="mt-1 max-w-[40rem] text-slate-700">
          Hold a bank or ID card ({CARD_WIDTH_MM} mm wide) flat against the screen and change the
          box until it is exactly as wide as the card. True size then draws 1 mm of paper as 1 mm on
          this screen, so 25 mm/s and 10 mm/mV are what they say. Kept in this browser.
        </p>
        <div
          data-testid="calibration-card"
          className="mt-3 flex items-center justify-center overflow-hidden border-2 border-slate-800 bg-slate-50 font-mono whitespace-nowrap tabular-nums text-slate-600"
          style={{
            width: `${widthPx}px`,
            height: `${(widthPx * CARD_HEIGHT_MM) / CARD_WIDTH_MM}px`,
            borderRadius: `${CARD_CORNER_MM * pxPerMm}px`,
          }}
        >
          {CARD_WIDTH_MM} × {CARD_HEIGHT_MM} mm
        </div>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <label className="inline-flex items-center gap-2">
            Card width on screen
            <input type="range" step={0.5} {...widthInput} className="w-64" />
          </label>
          <Button onClick={() => nudge(-1)} aria-label="One pixel narrower">
            −
          </Button>
          <Button onClick={() => nudge(1)} aria-label="One pixel wider">
            +
          </Button>
          <label className="inline-flex items-center gap-1">
            <input
              type="number"
              step={0.1}
              {...widthInput}
              aria-label="Card width in CSS pixels"
              className="w-20 rounded border border-slate-300 px-1 text-right tabular-nums"
            />
            px
          </label>
          <span className="tabular-nums text-slate-600">
            1 mm = {pxPerMm.toFixed(3)} px ({Math.round(pxPerMm * dpr * 25.4)} dpi)
          </span>
        </div>
        {error && (
          <div className="mt-3">
            <Message tone="error" title="That width cannot be this screen's card">
              {error}. Match the box to a real card, or use 96 dpi.
            </Message>
          </div>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button
            onClick={() => {
              reset();
              setOpen(false);
            }}
          >
            Use 96 dpi
          </Button>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <button
            type="button"
            onClick={save}
            className="rounded border border-ok-selected bg-ok-selected px-2 py-0.5 text-[13px] text-white hover:bg-[#005f94]"
          >
            Save
          </button>
        </div>
      </Modal>
    </>
  );
}
