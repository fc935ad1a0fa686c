// Prints eslint.config.mjs's LAYERS and CAPABILITIES as JSON (jest cannot import the ES module config).
import { CAPABILITIES, LAYERS } from '../../../eslint.config.mjs';

process.stdout.write(JSON.stringify({ layers: LAYERS, capabilities: CAPABILITIES }));
