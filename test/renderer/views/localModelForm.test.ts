import { describe, expect, it } from 'vitest';
import { backboneCardSchema } from '../../../shared/ml/cards';
import { buildCard, emptyDraft, engineOf, idFromName } from '../../../renderer/src/views/model/localModelForm';

describe('adding a local model', () => {
  it('builds a card the contract accepts from what was typed', () => {
    const built = buildCard({ ...emptyDraft, name: 'My ResNet 50', path: '/models/resnet50.onnx', embeddingSize: '2048', outputName: 'features' });
    expect(built.problems).toBeNull();
    expect(backboneCardSchema.parse(built.card)).toMatchObject({
      id: 'my-resnet-50',
      engine: 'onnx',
      input: { width: 224, height: 224, channels: 3, layout: 'NCHW' },
      preprocess: { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225], scale: 1 / 255 },
      output: { name: 'features', pool: 'mean' },
      embeddingSize: 2048,
    });
  });

  it('a TF.js model.json on grayscale input with raw pixel values', () => {
    const built = buildCard({ ...emptyDraft, name: 'digits', path: '/m/digits/model.json', channels: '1', layout: 'NHWC', mean: '0', std: '1', pixelRange: '0-255', width: '28', height: '28', embeddingSize: '64' });
    expect(built.card).toMatchObject({ engine: 'tfjs', input: { channels: 1, layout: 'NHWC' }, preprocess: { scale: 1 } });
  });

  it('says what to fix in each field instead of sending a bad card', () => {
    const built = buildCard({ ...emptyDraft, name: '', path: 'models/x.onnx', width: '0', mean: '0.5, 0.5', std: '1, 0, 1', embeddingSize: '' });
    expect(built.card).toBeNull();
    expect(Object.keys(built.problems ?? {}).sort()).toEqual(['embeddingSize', 'mean', 'name', 'path', 'std', 'width']);
    expect(built.problems?.mean).toBe('One number per channel (3), separated by commas.');
    expect(built.problems?.std).toBe('Every std value must be above 0.');
    expect(buildCard({ ...emptyDraft, name: 'x', path: '/m/x.pt', embeddingSize: '8' }).problems?.path).toBe('Choose an .onnx file or a TF.js model.json.');
  });

  it('makes a path-safe id and recognises the engine by the file name', () => {
    expect(idFromName('  ViT-B/16 (CLIP) ')).toBe('vit-b-16-clip');
    expect(idFromName('***')).toBe('');
    expect(engineOf('/a/MODEL.ONNX')).toBe('onnx');
    expect(engineOf('/a/model.json')).toBe('tfjs');
    expect(engineOf('/a/model.bin')).toBeNull();
  });
});
