/** Serving test support: tiny models built with the builder, a fake image model, Lambda events. */
export * from './classifier_models.js';
export * from './events.js';
export * from './fake_model.js';
export * from './handler_model.js';
export * from './protocol_models.js';
export * from './task_fixtures.js';
export * from './detector_models.js';
export * from './ssd_oracle.js';
export * from './embedder_models.js';
export * from './audio_fixtures.js';
export * from './text_models.js';
export * from './sam_template.js';
