import { describe, expect, it } from 'vitest';
import { proposeBackbone } from '../../../shared/ml/backboneProposal';
import { BUILTIN_MOBILENET_ID } from '../../../shared/ml/builtinNetworks';

describe('the backbone proposed for a set of images', () => {
  it('is pixels at their own size and one channel for small grayscale images, saying why', () => {
    const proposal = proposeBackbone({ sampled: 48, medianWidth: 28, medianHeight: 28, grayscale: 48 });
    expect(proposal?.backboneId).toBe('pixels-28x28-gray');
    expect(proposal?.reason).toMatch(/small and grayscale \(median 28×28 px over 48 sampled images\)/);
  });

  it('is the built-in pretrained network for colour images, large grayscale ones, and mostly-colour mixes', () => {
    expect(proposeBackbone({ sampled: 48, medianWidth: 32, medianHeight: 32, grayscale: 0 })?.backboneId).toBe(BUILTIN_MOBILENET_ID);
    expect(proposeBackbone({ sampled: 48, medianWidth: 32, medianHeight: 32, grayscale: 40 })?.reason).toMatch(/in colour \(8 of 48 sampled\)/);
    const large = proposeBackbone({ sampled: 10, medianWidth: 512, medianHeight: 64, grayscale: 10 });
    expect(large?.backboneId).toBe(BUILTIN_MOBILENET_ID);
    expect(large?.reason).toMatch(/larger than 64 px/);
  });

  it('is nothing before there is an image to look at', () => {
    expect(proposeBackbone({ sampled: 0, medianWidth: 0, medianHeight: 0, grayscale: 0 })).toBeNull();
  });
});
