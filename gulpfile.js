const { src, dest } = require('gulp');

// tsc emits only code and JSON; n8n loads node and credential icons from dist/ next to them.
function buildIcons() {
	return src(['icons/**/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.' }).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
