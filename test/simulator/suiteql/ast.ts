/** The SuiteQL subset the simulator understands (Oracle SELECT syntax). */

export type Expr =
	| { k: 'num'; v: string }
	| { k: 'str'; v: string }
	| { k: 'null' }
	| { k: 'param'; i: number }
	/** q: the qualifier (table name or alias), lower-case. */
	| { k: 'col'; q?: string; name: string }
	| { k: 'star'; q?: string }
	| { k: 'func'; name: string; args: Expr[]; distinct?: boolean }
	| { k: 'cast'; e: Expr; to: string }
	| { k: 'bin'; op: '+' | '-' | '*' | '/' | '||'; l: Expr; r: Expr }
	| { k: 'neg'; e: Expr }
	| { k: 'cmp'; op: '=' | '<>' | '<' | '>' | '<=' | '>='; l: Expr; r: Expr }
	| { k: 'and' | 'or'; l: Expr; r: Expr }
	| { k: 'not'; e: Expr }
	| { k: 'between'; e: Expr; lo: Expr; hi: Expr; not: boolean }
	| { k: 'in'; e: Expr; list?: Expr[]; sub?: Select; not: boolean }
	| { k: 'like'; e: Expr; pat: Expr; esc?: Expr; not: boolean }
	| { k: 'isnull'; e: Expr; not: boolean }
	| { k: 'exists'; sub: Select }
	| { k: 'subq'; sub: Select }
	| { k: 'case'; operand?: Expr; whens: Array<{ when: Expr; then: Expr }>; else?: Expr }
	| { k: 'sysdate' };

export interface TableRef {
	table: string;
	alias?: string;
}

export interface Join extends TableRef {
	kind: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
	on?: Expr;
}

export interface Select {
	distinct: boolean;
	items: Array<{ e: Expr; alias?: string }>;
	from: TableRef[];
	joins: Join[];
	where?: Expr;
	groupBy?: Expr[];
	having?: Expr;
	orderBy?: Array<{ e: Expr; desc: boolean; nulls?: 'FIRST' | 'LAST' }>;
	offsetRows?: number;
	fetchFirst?: number;
}

/** Something the simulator does not (yet) translate: always a 400, never a wrong answer. */
export class SuiteQLError extends Error {}
