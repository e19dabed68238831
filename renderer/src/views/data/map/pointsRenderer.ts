import { clipTransform, toScreen, type Camera, type Viewport } from './camera';

/**
 * Draws the map's points. WebGL when the browser has it (one draw call for every point,
 * smooth at 50,000 and beyond, also on software GL), canvas 2D otherwise. No code is
 * generated at run time, so it works under the studio's strict CSP (no eval).
 */
export interface PointsRenderer {
  readonly kind: 'webgl' | 'canvas';
  setPoints(xs: readonly number[], ys: readonly number[], rgba: Uint8Array): void;
  setColours(rgba: Uint8Array): void;
  draw(camera: Camera, view: Viewport, pointSize: number): void;
  dispose(): void;
}

export function createPointsRenderer(canvas: HTMLCanvasElement, prefer: 'webgl' | 'canvas' = 'webgl'): PointsRenderer {
  const gl = prefer === 'webgl' ? canvas.getContext('webgl', { antialias: false, premultipliedAlpha: false, preserveDrawingBuffer: true }) : null;
  return gl ? new WebGlPoints(gl) : new CanvasPoints(canvas);
}

const vertexSource = `
attribute vec2 a_position;
attribute vec4 a_colour;
uniform vec2 u_scale;
uniform vec2 u_offset;
uniform float u_size;
varying vec4 v_colour;
void main() {
  gl_Position = vec4(a_position * u_scale + u_offset, 0.0, 1.0);
  gl_PointSize = u_size;
  v_colour = a_colour;
}`;

const fragmentSource = `
precision mediump float;
varying vec4 v_colour;
void main() {
  vec2 d = gl_PointCoord - vec2(0.5);
  if (dot(d, d) > 0.25) discard;
  gl_FragColor = v_colour;
}`;

class WebGlPoints implements PointsRenderer {
  readonly kind = 'webgl' as const;
  private readonly program: WebGLProgram;
  private readonly positions: WebGLBuffer;
  private readonly colours: WebGLBuffer;
  private count = 0;

  constructor(private readonly gl: WebGLRenderingContext) {
    this.program = link(gl, compile(gl, gl.VERTEX_SHADER, vertexSource), compile(gl, gl.FRAGMENT_SHADER, fragmentSource));
    this.positions = gl.createBuffer()!;
    this.colours = gl.createBuffer()!;
  }

  setPoints(xs: readonly number[], ys: readonly number[], rgba: Uint8Array): void {
    const { gl } = this;
    const data = new Float32Array(xs.length * 2);
    for (let i = 0; i < xs.length; i++) {
      data[i * 2] = xs[i];
      data[i * 2 + 1] = ys[i];
    }
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
    this.count = xs.length;
    this.setColours(rgba);
  }

  setColours(rgba: Uint8Array): void {
    const { gl } = this;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colours);
    gl.bufferData(gl.ARRAY_BUFFER, rgba, gl.DYNAMIC_DRAW);
  }

  draw(camera: Camera, view: Viewport, pointSize: number): void {
    const { gl, program } = this;
    gl.viewport(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight);
    gl.clearColor(0, 0, 0, 0);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA);
    gl.useProgram(program);
    const position = gl.getAttribLocation(program, 'a_position');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    const colour = gl.getAttribLocation(program, 'a_colour');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colours);
    gl.enableVertexAttribArray(colour);
    gl.vertexAttribPointer(colour, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    const { scale, offset } = clipTransform(camera, view);
    gl.uniform2f(gl.getUniformLocation(program, 'u_scale'), scale[0], scale[1]);
    gl.uniform2f(gl.getUniformLocation(program, 'u_offset'), offset[0], offset[1]);
    gl.uniform1f(gl.getUniformLocation(program, 'u_size'), pointSize * (gl.drawingBufferWidth / Math.max(view.width, 1)));
    gl.drawArrays(gl.POINTS, 0, this.count);
  }

  dispose(): void {
    this.gl.deleteBuffer(this.positions);
    this.gl.deleteBuffer(this.colours);
    this.gl.deleteProgram(this.program);
  }
}

function compile(gl: WebGLRenderingContext, type: number, source: string): WebGLShader {
  const shader = gl.createShader(type)!;
  gl.shaderSource(shader, source);
  gl.compileShader(shader);
  if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) throw new Error(`The map's shader did not compile: ${gl.getShaderInfoLog(shader)}`);
  return shader;
}

function link(gl: WebGLRenderingContext, vertex: WebGLShader, fragment: WebGLShader): WebGLProgram {
  const program = gl.createProgram()!;
  gl.attachShader(program, vertex);
  gl.attachShader(program, fragment);
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`The map's shaders did not link: ${gl.getProgramInfoLog(program)}`);
  return program;
}

/** The fallback: square dots written straight into the canvas's pixels (no per-point canvas calls). */
class CanvasPoints implements PointsRenderer {
  readonly kind = 'canvas' as const;
  private xs: readonly number[] = [];
  private ys: readonly number[] = [];
  private rgba: Uint8Array = new Uint8Array(0);

  constructor(private readonly canvas: HTMLCanvasElement) {}

  setPoints(xs: readonly number[], ys: readonly number[], rgba: Uint8Array): void {
    this.xs = xs;
    this.ys = ys;
    this.rgba = rgba;
  }

  setColours(rgba: Uint8Array): void {
    this.rgba = rgba;
  }

  draw(camera: Camera, view: Viewport, pointSize: number): void {
    const context = this.canvas.getContext('2d');
    const { width, height } = this.canvas;
    if (!context || !width || !height) return;
    const image = context.createImageData(width, height);
    const pixels = image.data;
    const ratio = width / Math.max(view.width, 1);
    const size = Math.max(1, Math.round(pointSize * ratio));
    const half = size >> 1;
    for (let i = 0; i < this.xs.length; i++) {
      const [sx, sy] = toScreen(camera, view, this.xs[i], this.ys[i]);
      const px = Math.round(sx * ratio) - half;
      const py = Math.round(sy * ratio) - half;
      if (px + size < 0 || py + size < 0 || px >= width || py >= height) continue;
      const o = i * 4;
      for (let y = Math.max(py, 0); y < Math.min(py + size, height); y++) {
        for (let x = Math.max(px, 0); x < Math.min(px + size, width); x++) {
          const p = (y * width + x) * 4;
          pixels[p] = this.rgba[o];
          pixels[p + 1] = this.rgba[o + 1];
          pixels[p + 2] = this.rgba[o + 2];
          pixels[p + 3] = this.rgba[o + 3];
        }
      }
    }
    context.putImageData(image, 0, 0);
  }

  dispose(): void {}
}
