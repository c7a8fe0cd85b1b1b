export async function benchOverhead(): Promise<boolean> {
	return true;
}
