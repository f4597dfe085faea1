#!/usr/bin/env node
// Committed shim so npm can link the bin before the build has written dist/bundle/.
import '../dist/bundle/main.js';
