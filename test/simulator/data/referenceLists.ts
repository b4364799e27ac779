/** Fixed lists the generated records refer to (NetSuite setup data the simulator does not serve as records). */
export const SUBSIDIARIES: Record<string, string> = {
	'1': 'Honeycomb Holdings Inc.',
	'2': 'Honeycomb Holdings Inc. : Honeycomb Mfg. US',
	'3': 'Honeycomb Holdings Inc. : Honeycomb Canada',
};
export const CURRENCIES: Record<string, string> = {
	'1': 'USA',
	'2': 'British pound',
	'3': 'Canadian Dollar',
	'4': 'Euro',
};
export const ACCOUNTS: Record<string, string> = {
	'1': '1000 Checking',
	'2': '1100 Accounts Receivable',
	'3': '2000 Accounts Payable',
	'4': '4000 Sales',
	'5': '5000 Cost of Goods Sold',
	'6': '6100 Rent Expense',
	'7': '6200 Payroll Expense',
};
