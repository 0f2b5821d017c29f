/** Time bands: a shaded window in every cell that shows its time, edged and marked by role. */
import { Fragment } from 'react';
import { Line, Rect, Text } from 'react-konva';
import { placeLabelX } from '../calipers';
import { bandPieces, type PlotLayout } from '../layout';
import { measureTextPx } from '../text-measure';
import { bandStyle } from './overlay-style';
import type { TimeBand } from './types';

const BAND_LABEL_FONT_PX = 12;
const BAND_LABEL_FONT_FAMILY = 'Arial';
const BAND_LABEL_FONT = `bold ${BAND_LABEL_FONT_PX}px ${BAND_LABEL_FONT_FAMILY}`;

/** Draws bands in world px (inside the plot's world-transformed group); right bands on top. */
export function TimeBands({ layout, bands }: { layout: PlotLayout; bands: readonly TimeBand[] }) {
  const order = { neutral: 0, distractor: 1, selected: 2, right: 3 } as const;
  const sorted = [...bands].sort((a, b) => order[a.role] - order[b.role]);
  return (
    <>
      {sorted.map((band) => {
        const style = bandStyle(band.role);
        const text = `${style.mark}${band.label ? `${style.mark ? ' ' : ''}${band.label}` : ''}`;
        const textWidth = text ? measureTextPx(text, BAND_LABEL_FONT) : 0;
        return bandPieces(layout, band.startS, band.endS, band.leads).map((piece) => {
          const { x, y, width, height } = piece.rect;
          const cell = layout.cells.find((c) => c.id === piece.cellId);
          // Near the end of a row the text runs back from the band's start, staying on the paper.
          const textX = cell
            ? placeLabelX(x + 2, textWidth, cell.rect.x, cell.rect.x + cell.rect.width, 2)
            : x + 2;
          return (
            <Fragment key={`${band.id}-${piece.cellId}`}>
              <Rect
                x={x}
                y={y}
                width={Math.max(width, 1)}
                height={height}
                fill={style.fill}
                listening={false}
              />
              <Line
                points={[x, y, x, y + height]}
                stroke={style.stroke}
                strokeWidth={style.strokeWidth}
                dash={style.dash}
                strokeScaleEnabled={false}
                listening={false}
              />
              <Line
                points={[x + width, y, x + width, y + height]}
                stroke={style.stroke}
                strokeWidth={style.strokeWidth}
                dash={style.dash}
                strokeScaleEnabled={false}
                listening={false}
              />
              {text && (
                <Text
                  x={textX}
                  y={y + height - 16}
                  text={text}
                  fontSize={BAND_LABEL_FONT_PX}
                  fontFamily={BAND_LABEL_FONT_FAMILY}
                  fontStyle="bold"
                  fill={style.stroke}
                  listening={false}
                />
              )}
            </Fragment>
          );
        });
      })}
    </>
  );
}
