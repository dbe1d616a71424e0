#!/usr/bin/env node
// Launcher for the `huimin` CLI: Node 24 runs the TypeScript sources directly (type stripping).
import('../src/cli/main.ts');
