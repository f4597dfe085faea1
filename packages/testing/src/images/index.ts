/** Images for tests: crafted headers and bombs, small PNGs, and the Pillow parity fixtures. */
export * from './crafted_images.js';
export * from './pillow_fixtures.js';
export * from './test_images.js';
