/** Seeded PRNG (mulberry32): the same seed always generates the same account. */
export class Prng {
	private state: number;

	constructor(seed: number) {
		this.state = seed >>> 0 || 0x9e3779b9;
	}

	next(): number {
		let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.next() * list.length)];
	}

	chance(p: number): boolean {
		return this.next() < p;
	}
}

export const FIRST_NAMES = [
	'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Oliver', 'Sophia', 'Elijah', 'Isabella', 'James', 'Mia', 'William',
	'Amelia', 'Benjamin', 'Harper', 'Lucas', 'Evelyn', 'Henry', 'Abigail', 'Theodore', 'Emily', 'Jack', 'Ella', 'Levi',
	'Elizabeth', 'Alexander', 'Camila', 'Jackson', 'Luna', 'Mateo', 'Sofia', 'Daniel', 'Avery', 'Michael', 'Mila', 'Mason',
	'Aria', 'Sebastian', 'Scarlett', 'Ethan', 'Penelope', 'Logan', 'Layla', 'Owen', 'Chloe', 'Samuel', 'Victoria', 'Jacob',
	'Madison', 'Asher', 'Eleanor', 'Aiden', 'Grace', 'John', 'Nora', 'Joseph', 'Riley', 'Wyatt', 'Zoey', 'David', 'Hannah',
	'Leo', 'Hazel', 'Luke', 'Lily', 'Julian', 'Ellie', 'Hudson', 'Violet', 'Grayson', 'Lillian', 'Matthew', 'Zoe', 'Ezra',
	'Stella', 'Gabriel', 'Aurora', 'Carter', 'Natalie', 'Isaac', 'Emilia', 'Jayden', 'Everly', 'Luca', 'Leah', 'Anthony',
	'Aubrey', 'Dylan', 'Willow', 'Lincoln', 'Addison', 'Thomas', 'Lucy', 'Maverick', 'Audrey', 'Elias', 'Bella', 'Josiah',
	'Nova', 'Charles', 'Brooklyn', 'Caleb', 'Paisley', 'Christopher', 'Savannah', 'Ezekiel', 'Claire', 'Miles', 'Skylar',
];

export const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez',
	'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
	'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright',
	'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell',
	'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins',
	'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper', 'Peterson',
	'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood',
	'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers',
	'Long', 'Ross', 'Foster', "O'Brien", 'Müller', 'Søndergaard', 'Dubois',
];

export const COMPANY_WORDS = [
	'Acme', 'Apex', 'Summit', 'Pioneer', 'Granite', 'Harbor', 'Evergreen', 'Blue Ridge', 'Silverline', 'Northwind', 'Redwood',
	'Keystone', 'Beacon', 'Cascade', 'Frontier', 'Ironwood', 'Lakeside', 'Meridian', 'Orchard', 'Prairie', 'Quantum', 'Riverbend',
	'Sterling', 'Tidewater', 'Union', 'Vanguard', 'Westfield', 'Yellowstone', 'Zenith', 'Copperleaf', 'Foxglove', 'Hollow Oak',
	'Juniper', 'Kingsbridge', 'Larkspur', 'Maple & Pine', 'Nimbus', 'Oakmont', 'Peregrine', 'Sable', 'Thistle', 'Wildflower',
];

export const COMPANY_KINDS = [
	'Supply', 'Logistics', 'Outfitters', 'Manufacturing', 'Foods', 'Labs', 'Distribution', 'Hardware', 'Goods', 'Trading',
	'Industries', 'Partners', 'Retail', 'Systems', 'Design', 'Textiles', 'Coffee Roasters', 'Bikes', 'Electric', 'Health',
];

export const COMPANY_SUFFIXES = ['Inc.', 'LLC', 'Co.', 'Ltd.', 'GmbH', 'Corp.', '', '', 'Group', 'S.A.'];

export const PRODUCT_ADJECTIVES = [
	'Classic', 'Deluxe', 'Compact', 'Heavy-Duty', 'Organic', 'Wireless', 'Ergonomic', 'Recycled', 'Premium', 'Travel',
	'Insulated', 'Modular', 'Stainless', 'Handmade', 'Smart', 'Outdoor', 'Portable', 'Waterproof',
];

export const PRODUCT_NOUNS = [
	'Water Bottle', 'Desk Lamp', 'Backpack', 'Coffee Grinder', 'Notebook', 'Headphones', 'Tent', 'Chair', 'Keyboard',
	'Blender', 'Jacket', 'Drill', 'Cutting Board', 'Speaker', 'Monitor Arm', 'Cable Kit', 'Tea Kettle', 'Yoga Mat',
	'Bike Pump', 'Planter', 'Service Plan', 'Installation', 'Gift Card', 'Consulting Hour',
];

export const MEMOS = [
	'Rush order', 'Net 30', 'Drop ship', 'Customer pickup', 'Web order', 'Phone order', 'Reorder', 'Trade show lead',
	'Backorder allowed', 'Ship complete', 'Sample request', 'Quarterly restock', '',
];
