export { ImageStore } from './ImageStore';
export { imageVariants, type ImageVariant, type ImageData } from './variants';
