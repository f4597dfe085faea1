#!/usr/bin/env node
// Committed shim so npm can link the bin before `prepare` has compiled dist/.
import '../dist/main.js';
