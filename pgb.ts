import { runPostgres } from './bench/documents.bench.ts';
console.log(await runPostgres('postgres://gongkai:gongkai@127.0.0.1:5432/gongkai_test', Number(process.argv[2] ?? 20000)));
