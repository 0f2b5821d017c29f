/** Time bands: a shaded window in every cell that shows its time, edged and marked by role. */
import { Fragment } from 'react';
import { Line, Rect, Text } from 'react-konva';
import { bandPieces, type PlotLayout } from '../layout';
import { bandStyle } from './overlay-style';
import type { TimeBand } from './types';

/** Draws bands in world px (inside the plot's world-transformed group); right bands on top. */
export function TimeBands({ layout, bands }: { layout: PlotLayout; bands: readonly TimeBand[] }) {
  const order = { neutral: 0, distractor: 1, selected: 2, right: 3 } as const;
  const sorted = [...bands].sort((a, b) => order[a.role] - order[b.role]);
  return (
    <>
      {sorted.map((band) => {
        const style = bandStyle(band.role);
        return bandPieces(layout, band.startS, band.endS, band.leads).map((piece) => {
          const { x, y, width, height } = piece.rect;
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
              {(style.mark || band.label) && (
                <Text
                  x={x + 2}
                  y={y + height - 16}
                  text={`${style.mark}${band.label ? `${style.mark ? ' ' : ''}${band.label}` : ''}`}
                  fontSize={12}
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
