import { GalleryFilters } from './GalleryFilters';
import { GalleryGrid } from './GalleryGrid';
import './gallery.css';

/** Every image in the project, filtered, as a grid that stays smooth at 100,000 images. */
export function GalleryView() {
  return (
    <div className="gallery">
      <GalleryFilters />
      <GalleryGrid />
    </div>
  );
}
