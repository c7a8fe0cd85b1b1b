/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-dangerous-functions, no-console -- runs in Node as a tool, never inside n8n: these rules guard the shipped nodes */
// npm run video: the walkthrough n8n asks verified authors for (install, connect, a dry run, a delete, the wait, a
// restore), made with Debian's ffmpeg from the editor suite's screenshots (npm run test:ui takes them; WALKTHROUGH=1
// makes it call this at its end): .github/walkthrough/walkthrough.mp4 and a small animated walkthrough.gif.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { projectRoot } from '../test/harness/projectRoot';

/** The suite's screenshots, in the order a first-time user meets them, each with its caption. */
export const WALKTHROUGH_FRAMES = [
	{ shot: 'nodes-panel', caption: '1  Installed - the three Zoho nodes in the nodes panel' },
	{ shot: 'credential-form', caption: '2  Connect Zoho CRM - data center, toggles, the OAuth popup' },
	{ shot: 'criteria-field-list', caption: '3  Delete by criteria - the fields of your org' },
	{ shot: 'criteria-conditions', caption: '4  A dry run counts and deletes nothing' },
	{ shot: 'criteria-deleted', caption: '5  The delete - every matching record once, its IDs kept' },
	{ shot: 'wait-for-completion', caption: '6  Wait until a mass delete job is done' },
	{ shot: 'restore-item', caption: '7  Restore the deleted records from the recycle bin' },
];

const SECONDS_A_FRAME = 3;
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

const ffmpeg = (args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });

/** Builds the video and the animated image; returns their paths. */
export function buildWalkthrough(shotsDir: string, outDir = path.join(projectRoot(), '.github/walkthrough')): { video: string; gif: string; seconds: number } {
	const missing = WALKTHROUGH_FRAMES.filter(({ shot }) => !fs.existsSync(path.join(shotsDir, `${shot}.png`)));
	if (missing.length) throw new Error(`No screenshot ${missing.map(({ shot }) => shot).join(', ')} in ${shotsDir}: run npm run test:ui first`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'walkthrough-'));
	fs.mkdirSync(outDir, { recursive: true });
	const list: string[] = [];
	for (const [index, { shot, caption }] of WALKTHROUGH_FRAMES.entries()) {
		const frame = path.join(work, `frame-${index}.png`);
		// every frame the same size, a caption bar along the bottom
		const captionBar = fs.existsSync(FONT) ? `,drawbox=y=ih-64:w=iw:h=64:color=black@0.75:t=fill,drawtext=fontfile=${FONT}:text='${caption}':fontcolor=white:fontsize=28:x=32:y=h-46` : '';
		ffmpeg(['-i', path.join(shotsDir, `${shot}.png`), '-vf', `scale=1280:800:force_original_aspect_ratio=decrease,pad=1280:800:(ow-iw)/2:(oh-ih)/2:white${captionBar}`, frame]);
		list.push(`file '${frame}'`, `duration ${SECONDS_A_FRAME}`);
	}
	// the concat demuxer holds the last frame only if it is named twice
	list.push(`file '${path.join(work, `frame-${WALKTHROUGH_FRAMES.length - 1}.png`)}'`);
	fs.writeFileSync(path.join(work, 'frames.txt'), `${list.join('\n')}\n`);
	const video = path.join(outDir, 'walkthrough.mp4');
	const gif = path.join(outDir, 'walkthrough.gif');
	ffmpeg(['-f', 'concat', '-safe', '0', '-i', path.join(work, 'frames.txt'), '-vf', 'fps=25,format=yuv420p', '-c:v', 'libx264', '-movflags', '+faststart', video]);
	ffmpeg(['-i', video, '-vf', 'fps=1,scale=720:-1:flags=lanczos,split[a][b];[a]palettegen=max_colors=96[p];[b][p]paletteuse=dither=bayer', '-loop', '0', gif]);
	fs.rmSync(work, { recursive: true, force: true });
	const seconds = Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', video]).toString().trim());
	return { video, gif, seconds };
}

if (require.main === module) {
	const shots = path.join(projectRoot(), 'node_modules/.cache/e2e/screenshots');
	const { video, gif, seconds } = buildWalkthrough(shots);
	const size = (file: string) => `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
	console.log(`walkthrough: ${video} (${seconds.toFixed(1)} s, ${size(video)}), ${gif} (${size(gif)})`);
	if (seconds < WALKTHROUGH_FRAMES.length * SECONDS_A_FRAME - 1) process.exit(1);
}
