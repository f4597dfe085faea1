export * from './serving_test_model.js';
export * from './unzip.js';
