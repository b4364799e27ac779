// Debian's Chromium (`apt-get install chromium`; .ci/run installs it) as the e2e suite starts it:
// headless, and without the background connections this machine's closed network refuses.

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
