import { InvalidInput, moduleTargetKey, type ModuleTarget } from '../../nodes/shared/input';
import { parseRecordIds, planRecordBatches, type RecordIdRequest } from '../../nodes/shared/recordIdBatches';

const request = (itemIndex: number, ids: string[], module = 'Leads'): RecordIdRequest<ModuleTarget> => ({ itemIndex, target: { module, apiVersion: 'v8' }, ids });
const plan = (requests: Array<RecordIdRequest<ModuleTarget>>, batchSize = 500) => planRecordBatches(requests, batchSize, moduleTargetKey);

describe('parseRecordIds', () => {
	it.each([
		['one ID', '3652397000006064023', ['3652397000006064023']],
		['text with commas, spaces and new lines', ' 1, 2\n3\t4 ,,5 ', ['1', '2', '3', '4', '5']],
		['a list', ['3652397000006064023', 7], ['3652397000006064023', '7']],
		['a safe number', 42, ['42']],
	])('%s', (_name, raw, ids) => {
		expect(parseRecordIds(raw)).toEqual(ids);
	});

	it.each([
		['empty text', ' , ', 'Record IDs is empty'],
		['an empty list', [], 'Record IDs is empty'],
		['a list with a bad entry', ['1', null], 'Record IDs entry 2 of 2 must be text made of digits, got null'],
		['a nested list', [['1']], 'Record IDs must be text made of digits, got a list'],
		['an unsafe number', Number('3652397000006064023'), 'Record IDs is a number too large to keep exactly (3652397000006064000)'],
	])('refuses %s', (_name, raw, shown) => {
		let refused: unknown;
		try {
			parseRecordIds(raw);
		} catch (error) {
			refused = error;
		}
		expect(refused).toBeInstanceOf(InvalidInput);
		expect(`${(refused as InvalidInput).field} ${(refused as InvalidInput).message}`).toBe(shown);
	});
});

describe('planRecordBatches', () => {
	it('keeps first-appearance order, drops repeats, and pairs each record with every item that named it', () => {
		const { records, batches } = plan([request(0, ['3', '1']), request(1, ['1', '2', '1']), request(2, ['3'])]);
		expect(records.map((record) => [record.id, record.itemIndexes])).toEqual([
			['3', [0, 2]],
			['1', [0, 1]],
			['2', [1]],
		]);
		expect(batches.map((batch) => batch.records.map((record) => record.id))).toEqual([['3', '1', '2']]);
	});

	it.each([
		[1, 500, 1],
		[500, 500, 1],
		[501, 500, 2],
		[1_201, 500, 3],
		[1_201, 200, 7],
	])('%i distinct IDs take calls of at most %i: %i', (count, batchSize, calls) => {
		const requests = Array.from({ length: count }, (_, index) => request(index, [String(index + 1)]));
		const { batches } = plan(requests, batchSize);
		expect(batches).toHaveLength(calls);
		expect(batches.every((batch) => batch.records.length <= batchSize)).toBe(true);
		expect(batches.flatMap((batch) => batch.records.map((record) => record.id))).toEqual(requests.map((entry) => entry.ids[0]));
	});

	it('one call deletes in one module: the same ID in two modules is two records', () => {
		const { records, batches } = plan([request(0, ['1'], 'Leads'), request(1, ['1'], 'Contacts'), request(2, ['2'], 'Leads')]);
		expect(records).toHaveLength(3);
		expect(new Set(records.map((record) => record.key)).size).toBe(3);
		expect(batches.map((batch) => [batch.target.module, batch.records.map((record) => record.id)])).toEqual([
			['Leads', ['1', '2']],
			['Contacts', ['1']],
		]);
	});
});
