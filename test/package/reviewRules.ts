import type { ICredentialType, INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

/**
 * What n8n's reviewer checks in a node's description and can be checked mechanically (../shared/docs/n8n-ux-review.md):
 * Title Case names and subtitles, sorted lists, "e.g." placeholders, booleans that start with "Whether", a description
 * for every field, short option descriptions, parameter names quoted in copy. Pure: a description in, findings out.
 */
export interface Finding {
	rule: string;
	where: string;
	detail: string;
}

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'nor', 'of', 'on', 'or', 'per', 'the', 'to', 'via', 'with']);

/**
 * Title Case: every word capitalised but the small ones (a, and, by, of…, which may go either way, as a last word
 * does); codes with digits (v8) pass. A sentence-case text ("Delete by criteria") fails on its lower-case words.
 */
export function isTitleCase(text: string): boolean {
	const words = text.replace(/[()[\]:,/]/g, ' ').split(/\s+/).filter(Boolean);
	return words.every((word, index) => {
		const first = word.replace(/^[^A-Za-z0-9]+/, '')[0];
		// codes and addresses keep their own case: v8, zoho.eu, sandbox.zohoapis.*
		if (first === undefined || /[0-9.*]/.test(word)) return true;
		if (index > 0 && SMALL_WORDS.has(word.toLowerCase())) return true;
		return first === first.toUpperCase();
	});
}

/** The literal texts an expression subtitle can show, e.g. "Dry Run: " and "Delete by Criteria"; not the parameter names and values it tests. */
export function subtitleTexts(subtitle: string | undefined): string[] {
	if (!subtitle) return [];
	if (!subtitle.startsWith('=')) return [subtitle];
	return [...subtitle.matchAll(/"([^"]*)"/g)]
		.filter((match) => !/(\[|===|!==)\s*$/.test(subtitle.slice(0, match.index)))
		.map((match) => match[1].trim())
		.filter(Boolean);
}

const isOptionList = (options: INodeProperties['options']): options is INodePropertyOptions[] =>
	Array.isArray(options) && options.every((option) => 'value' in option && !('values' in option) && !('type' in option));
const isCollectionList = (options: INodeProperties['options']): options is INodePropertyCollection[] => Array.isArray(options) && options.every((option) => 'values' in option);

/** Every property, options of collections and rows of fixed collections included, with a path for findings. */
export function allProperties(properties: INodeProperties[], path = ''): Array<{ property: INodeProperties; where: string; inCollection: boolean }> {
	return properties.flatMap((property) => {
		const where = `${path}${property.name}`;
		const own = [{ property, where, inCollection: path !== '' }];
		if (property.type === 'collection' && Array.isArray(property.options)) return [...own, ...allProperties(property.options as INodeProperties[], `${where}.`)];
		if (property.type === 'fixedCollection' && isCollectionList(property.options)) {
			return [...own, ...property.options.flatMap((group) => allProperties(group.values, `${where}.${group.name}.`))];
		}
		return own;
	});
}

const sortedBy = <T>(list: T[], key: (entry: T) => string) => list.every((entry, index) => index === 0 || key(list[index - 1]).localeCompare(key(entry)) <= 0);

export interface RuleOptions {
	/** Lists kept in another order on purpose, with the reason (e.g. API versions, newest first). */
	orderExemptions?: Record<string, string>;
	/** Longest option description that still shows whole in n8n's dropdown. */
	optionDescriptionMax?: number;
}

/** The findings for one node's or credential's properties. */
export function checkProperties(owner: string, properties: INodeProperties[], rules: RuleOptions = {}): Finding[] {
	const findings: Finding[] = [];
	const add = (rule: string, where: string, detail: string) => findings.push({ rule, where: `${owner}: ${where}`, detail });
	const every = allProperties(properties);
	const names = every.map(({ property }) => property.displayName).filter((name) => name.includes(' ') && name.length < 40 && !/[.:]/.test(name));
	for (const { property, where, inCollection } of every) {
		if (property.type === 'notice' || property.type === 'hidden') continue;
		if (!isTitleCase(property.displayName)) add('title-case', where, property.displayName);
		if (property.placeholder && property.type !== 'collection' && property.type !== 'fixedCollection' && !property.placeholder.startsWith('e.g.')) add('placeholder-eg', where, property.placeholder);
		if (property.type === 'boolean' && !/^Whether\b/.test(property.description ?? '')) add('boolean-whether', where, property.description ?? '(none)');
		// an optional field says what it does, and what leaving it out means
		if (inCollection && !property.description) add('description', where, 'an optional field without a description');
		if (property.type === 'collection' && Array.isArray(property.options) && !sortedBy(property.options as INodeProperties[], (option) => option.displayName)) {
			add('sorted', where, (property.options as INodeProperties[]).map((option) => option.displayName).join(', '));
		}
		if (property.type === 'options' && isOptionList(property.options)) {
			const [first, ...rest] = property.options;
			// the most used, the default, may lead; the rest in alphabetical order
			const ordered = property.default === first?.value ? sortedBy(rest, (option) => option.name) : sortedBy(property.options, (option) => option.name);
			if (!ordered && !rules.orderExemptions?.[where]) add('sorted', where, property.options.map((option) => option.name).join(', '));
			for (const option of property.options) {
				if (!isTitleCase(option.name)) add('title-case', `${where} option`, option.name);
				if (option.description && option.description.length > (rules.optionDescriptionMax ?? 90)) add('option-description-length', `${where} option ${option.name}`, `${option.description.length} characters`);
			}
		}
	}
	// parameter names in copy go in quotes: 'Max Records'
	for (const { property, where } of every) {
		const copy = [property.type === 'notice' ? property.displayName : '', property.description ?? '', property.hint ?? ''].join(' ');
		for (const name of names) {
			const bare = new RegExp(`(^|[^'A-Za-z])${name.replace(/[()]/g, '\\$&')}(?![A-Za-z'])`);
			if (name !== property.displayName && bare.test(copy)) add('quoted-names', where, `'${name}' unquoted`);
		}
	}
	return findings;
}

export function checkNode(description: INodeTypeDescription, rules: RuleOptions = {}): Finding[] {
	const findings = checkProperties(description.displayName, description.properties, rules);
	if (!isTitleCase(description.displayName)) findings.push({ rule: 'title-case', where: `${description.displayName}: displayName`, detail: description.displayName });
	for (const text of subtitleTexts(description.subtitle)) {
		if (!isTitleCase(text)) findings.push({ rule: 'title-case', where: `${description.displayName}: subtitle`, detail: text });
	}
	return findings;
}

export function checkCredential(credential: ICredentialType, rules: RuleOptions = {}): Finding[] {
	const findings = checkProperties(credential.displayName, credential.properties, rules);
	if (!isTitleCase(credential.displayName)) findings.push({ rule: 'title-case', where: `${credential.displayName}: displayName`, detail: credential.displayName });
	return findings;
}
