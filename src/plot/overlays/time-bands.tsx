/** Time bands: a shaded window in every cell that shows its time, edged and marked by role. */
import { Fragment } from 'react';
import { Line, Rect, Text } from 'react-konva';
import type { PlotLayout } from '../layout';
import { measureTextPx } from '../text-measure';
import { BAND_LABEL_FONT_PX, layoutBandLabels } from './band-labels';
import { bandStyle } from './overlay-style';
import type { TimeBand } from './types';

const BAND_LABEL_FONT_FAMILY = 'Arial';
/** CSS font of band labels, for measuring them. */
export const BAND_LABEL_FONT = `bold ${BAND_LABEL_FONT_PX}px ${BAND_LABEL_FONT_FAMILY}`;
/** World-px width of a band label's text. */
export const bandLabelWidth = (text: string) => measureTextPx(text, BAND_LABEL_FONT);

const ROLE_ORDER = { neutral: 0, distractor: 1, selected: 2, right: 3 } as const;

/** Draws bands in world px (inside the plot's world-transformed group); right bands on top. */
export function TimeBands({ layout, bands }: { layout: PlotLayout; bands: readonly TimeBand[] }) {
  const sorted = [...bands].sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const byId = new Map(sorted.map((b) => [b.id, b]));
  return (
    <>
      {layoutBandLabels(layout, sorted, bandLabelWidth).map((piece) => {
        const band = byId.get(piece.bandId)!;
        const style = bandStyle(band.role);
        const { x, y, width, height } = piece.rect;
        return (
          <Fragment key={`${piece.bandId}-${piece.cellId}`}>
            <Rect
              x={x}
              y={y}
              width={Math.max(width, 1)}
              height={height}
              fill={style.fill}
              listening={false}
            />
            {[x, x + width].map((edge, i) => (
              <Line
                key={i}
                points={[edge, y, edge, y + height]}
                stroke={style.stroke}
                strokeWidth={style.strokeWidth}
                dash={style.dash}
                strokeScaleEnabled={false}
                listening={false}
              />
            ))}
            {piece.labelBox && (
              <Text
                x={piece.labelBox.x}
                y={piece.labelBox.y}
                text={piece.text}
                fontSize={BAND_LABEL_FONT_PX}
                fontFamily={BAND_LABEL_FONT_FAMILY}
                fontStyle="bold"
                fill={style.stroke}
                listening={false}
              />
            )}
          </Fragment>
        );
      })}
    </>
  );
}
