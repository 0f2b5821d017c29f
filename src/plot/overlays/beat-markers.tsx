/** Beat markers: a small tick at the top of each cell at every detected R peak. */
import { Shape } from 'react-konva';
import { cellTimeToX, type PlotLayout } from '../layout';
import { OVERLAY } from '../theme';

/** Draws beat ticks (one Konva shape for all of them) in world px. */
export function BeatMarkers({
  layout,
  beatTimesS,
}: {
  layout: PlotLayout;
  beatTimesS: readonly number[];
}) {
  const mm = layout.scale.pxPerMm;
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(ctx, shape) => {
        ctx.beginPath();
        for (const cell of layout.cells) {
          for (const t of beatTimesS) {
            if (t < cell.tStartS || t > cell.tEndS) continue;
            const x = cellTimeToX(layout, cell, t);
            ctx.moveTo(x - mm * 0.8, cell.rect.y);
            ctx.lineTo(x + mm * 0.8, cell.rect.y);
            ctx.lineTo(x, cell.rect.y + mm * 1.5);
            ctx.closePath();
          }
        }
        ctx.fillStrokeShape(shape);
      }}
      fill={OVERLAY.beat}
    />
  );
}
