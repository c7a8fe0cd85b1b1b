import type { IDataObject } from 'n8n-workflow';

import { unionOfReadings, type Gathered } from '../../nodes/shared/coql/pageCoql';

// Any Condition is read one condition at a time and joined by the node: what the union may say it knows.

const id = (n: number) => (BigInt('3652397000101000000') + BigInt(n)).toString();
const reading = (ns: number[], complete = true): Gathered => ({ records: ns.map((n): IDataObject => ({ id: id(n), Full_Name: `Lead ${n}` })), complete, reachedCeiling: !complete });
const ids = (gathered: Gathered) => gathered.records.map((record) => record.id);

describe('the union of several readings', () => {
	it('every record once, in ID order, the first reading\'s columns kept', () => {
		const union = unionOfReadings([reading([5, 1, 9]), reading([9, 2])]);
		expect(ids(union)).toEqual([1, 2, 5, 9].map(id));
		expect(union).toMatchObject({ complete: true, reachedCeiling: false });
	});

	it('a reading that stopped early knows nothing after its last ID: the union stops there too, and says more may come', () => {
		const union = unionOfReadings([reading([1, 4, 8, 12]), reading([2, 3, 6], false), reading([7, 10, 11], false)]);
		expect(ids(union)).toEqual([1, 2, 3, 4, 6].map(id));
		expect(union).toMatchObject({ complete: false, reachedCeiling: true });
	});

	it('IDs are compared as numbers of 19 digits, never as floats or by their first characters', () => {
		const union = unionOfReadings([reading([10, 9]), reading([100], false)]);
		expect(ids(union)).toEqual([9, 10, 100].map(id));
	});
});
