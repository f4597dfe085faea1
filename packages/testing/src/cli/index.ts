export * from './serving_test_model.js';
