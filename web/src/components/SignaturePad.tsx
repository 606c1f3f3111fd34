import { Button, Group, Input, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import './signature-pad.css';

/** The pad's height in CSS pixels: room for a signature drawn with a finger. */
const padHeight = 200;

/**
 * A signature drawn on a tablet with a finger or a stylus, or with a mouse (pointer events, so all
 * three work the same way). It gives a PNG data URL after each stroke, or null once cleared. Drawing
 * cannot be done with a keyboard: forms that use it must offer another way to record agreement (a
 * box to tick for an oral agreement or a signature on paper), so the drawing is never required.
 */
export function SignaturePad({
  label,
  description,
  clearLabel,
  drawnText,
  emptyText,
  onChange,
}: {
  label: string;
  description: string;
  clearLabel: string;
  /** Said (and announced) once something is drawn. */
  drawnText: string;
  emptyText: string;
  onChange: (dataUrl: string | null) => void;
}) {
  const id = useId();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<{ pointerId: number; x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);

  // The canvas's own pixels follow the screen's density, so strokes stay sharp on a tablet.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ratio = Math.min(2, Math.max(1, window.devicePixelRatio || 1));
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(padHeight * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.lineWidth = 2.5 * ratio;
    context.strokeStyle = '#1a1b1e';
    context.fillStyle = '#1a1b1e';
  }, []);

  /** Where the pointer is, in the canvas's pixels (the box may have been resized since). */
  const point = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    const rect = canvas.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * canvas.width) / rect.width, y: ((event.clientY - rect.top) * canvas.height) / rect.height };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0 && event.pointerType === 'mouse') return;
    event.preventDefault();
    const canvas = event.currentTarget;
    canvas.setPointerCapture(event.pointerId);
    const { x, y } = point(event);
    const context = canvas.getContext('2d');
    if (!context) return;
    // A tap leaves a dot, as a pen would.
    context.beginPath();
    context.arc(x, y, context.lineWidth / 2, 0, Math.PI * 2);
    context.fill();
    stroke.current = { pointerId: event.pointerId, x, y };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const current = stroke.current;
    if (!current || current.pointerId !== event.pointerId) return;
    event.preventDefault();
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    context.beginPath();
    context.moveTo(current.x, current.y);
    const { x, y } = point(event);
    context.lineTo(x, y);
    context.stroke();
    stroke.current = { pointerId: event.pointerId, x, y };
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!stroke.current || stroke.current.pointerId !== event.pointerId) return;
    stroke.current = null;
    setDrawn(true);
    onChange(event.currentTarget.toDataURL('image/png'));
  };

  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    stroke.current = null;
    setDrawn(false);
    onChange(null);
  };

  return (
    <Stack gap={6}>
      <Input.Label id={`${id}-label`} size="md" mb={0}>
        {label}
      </Input.Label>
      <Input.Description id={`${id}-description`} size="md">
        {description}
      </Input.Description>
      <canvas
        ref={canvasRef}
        className="signature-pad"
        height={padHeight}
        role="img"
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-description ${id}-status`}
        data-testid="signature-pad"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      />
      <Group justify="space-between" gap="sm">
        <Text id={`${id}-status`} size="sm" c="dimmed" role="status" aria-live="polite">
          {drawn ? drawnText : emptyText}
        </Text>
        <Button variant="default" size="sm" onClick={clear} disabled={!drawn}>
          {clearLabel}
        </Button>
      </Group>
    </Stack>
  );
}
