/** Lead highlights: an outlined box round every cell of a highlighted lead, with its mark. */
import { Fragment } from 'react';
import { Rect, Text } from 'react-konva';
import type { PlotLayout } from '../layout';
import { highlightStyle } from './overlay-style';
import type { LeadHighlight } from './types';

/** Draws highlights in world px (inside the plot's world-transformed group). */
export function LeadHighlights({
  layout,
  highlights,
}: {
  layout: PlotLayout;
  highlights: readonly LeadHighlight[];
}) {
  const mm = layout.scale.pxPerMm;
  // A lead that is both selected and an answer gets the selection drawn inside the answer's box.
  const insetFor = (h: LeadHighlight) =>
    h.role === 'selected' && highlights.some((o) => o.lead === h.lead && o.role !== 'selected')
      ? 3
      : 0;
  return (
    <>
      {highlights.map((h) => {
        const style = highlightStyle(h.role);
        const inset = insetFor(h);
        return layout.cells
          .filter((c) => c.lead === h.lead)
          .map((cell) => (
            <Fragment key={`${h.role}-${h.lead}-${cell.id}`}>
              <Rect
                x={cell.rect.x + inset}
                y={cell.rect.y + inset}
                width={cell.rect.width - 2 * inset}
                height={cell.rect.height - 2 * inset}
                stroke={style.stroke}
                strokeWidth={style.strokeWidth}
                strokeScaleEnabled={false}
                dash={style.dash}
                fill={inset ? undefined : style.fill}
                listening={false}
              />
              {h.role !== 'selected' && (
                <Text
                  x={cell.rect.x + mm * 1.2 + (h.lead.length + 1) * mm * 2}
                  y={cell.rect.y + mm * 0.6}
                  text={`${style.mark}${h.label ? ` ${h.label}` : ''}`}
                  fontSize={14}
                  fontStyle="bold"
                  fill={style.stroke}
                  listening={false}
                />
              )}
            </Fragment>
          ));
      })}
    </>
  );
}
