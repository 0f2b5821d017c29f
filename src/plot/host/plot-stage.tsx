/** The plot's Konva stage: the scene layer (grid and traces) under the overlay layer. */
import type Konva from 'konva';
import { useCallback, type ReactNode } from 'react';
import { Group, Layer, Shape, Stage } from 'react-konva';
import type { DrawScheduler } from './draw-scheduler';
import { DeferredSizeLayerComponent } from './konva-private';

/**
 * Two layers, two canvases: `sceneFunc` draws paper and traces on the lower one; `children`
 * (overlays, in world px inside the world group, which follows the viewport) on the upper one, so
 * a dragged caliper or window redraws only the overlays.
 */
export function PlotStage({
  width,
  height,
  scheduler,
  sceneFunc,
  onWorldGroup,
  children,
}: {
  width: number;
  height: number;
  scheduler: DrawScheduler;
  sceneFunc: (context: Konva.Context) => void;
  /** Receives the overlays' world group (null when it unmounts); must be stable. */
  onWorldGroup: (group: Konva.Group | null) => void;
  children: ReactNode;
}) {
  // Stable refs: a new callback each render would detach and re-attach the layers.
  const attachScene = useCallback(
    (l: Konva.Layer | null) => scheduler.attach('scene', l),
    [scheduler],
  );
  const attachOverlay = useCallback(
    (l: Konva.Layer | null) => scheduler.attach('overlay', l),
    [scheduler],
  );
  return (
    <Stage width={width} height={height} listening={false}>
      {/* The grid covers the whole canvas, so the scene layer skips its clear. */}
      <Layer ref={attachScene} listening={false} clearBeforeDraw={false}>
        <Shape
          sceneFunc={sceneFunc}
          listening={false}
          perfectDrawEnabled={false}
          shadowForStrokeEnabled={false}
        />
      </Layer>
      <DeferredSizeLayerComponent ref={attachOverlay} listening={false}>
        <Group ref={onWorldGroup}>{children}</Group>
      </DeferredSizeLayerComponent>
    </Stage>
  );
}
