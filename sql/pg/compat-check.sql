-- compat-check.sql: each compat.sql function against the answer the sqlite3 CLI (3.40.1) gave
-- for the same call: expected = sqlite3 -cmd "SELECT quote((<sqlite call>))" as text. The SQLite
-- call is in a comment where the PostgreSQL spelling differs (a cast, a subquery alias).
-- JSON objects and arrays are compared as jsonb (SQLite writes no spaces, jsonb does).
-- Run after compat.sql: psql -v ON_ERROR_STOP=1 -f sql/pg/compat-check.sql; a mismatch raises.
\set ON_ERROR_STOP 1
CREATE TEMP TABLE compat_check (n integer, got text, expected text, is_json boolean);
INSERT INTO compat_check VALUES (1, (iif(1 = 1, 'a', 'b')), 'a', false);
INSERT INTO compat_check VALUES (2, (iif(1 = 2, 3, 4)), '4', false);
INSERT INTO compat_check VALUES (3, (iif(NULL, 'x', 'y')), 'y', false);
INSERT INTO compat_check VALUES (4, (ifnull(NULL, 'z')), 'z', false);
INSERT INTO compat_check VALUES (5, (ifnull('a', 'z')), 'a', false);
INSERT INTO compat_check VALUES (6, (instr('hello world', 'wor')), '7', false);
INSERT INTO compat_check VALUES (7, (instr('hello', 'x')), '0', false);
INSERT INTO compat_check VALUES (8, (json_extract('{"a":{"b":"x"}}', '$.a.b')), 'x', false);
INSERT INTO compat_check VALUES (9, (json_extract('{"a":{"b":"x"}}', '$.a.c')), NULL, false);
INSERT INTO compat_check VALUES (10, (json_extract('{"n":42}', '$.n')), '42', false);
INSERT INTO compat_check VALUES (11, (json_extract('{"n":1.5}', '$.n')), '1.5', false);
INSERT INTO compat_check VALUES (12, (json_extract('{"t":true,"f":false}', '$.t') || json_extract('{"t":true,"f":false}', '$.f')), '10', false);
INSERT INTO compat_check VALUES (13, (json_extract('{"z":null}', '$.z')), NULL, false);
INSERT INTO compat_check VALUES (14, (json_extract('[10,"b",30]', '$[1]')), 'b', false);
INSERT INTO compat_check VALUES (15, (json_extract('[10,"b",30]', '$[0]')), '10', false);
INSERT INTO compat_check VALUES (16, (json_extract('[10,"b",30]', '$[#-1]')), '30', false);
INSERT INTO compat_check VALUES (17, (json_extract('{"a":[{"b":7}]}', '$.a[0].b')), '7', false);
-- sqlite: json_extract('{"a":[1,2]}', '$.a')
INSERT INTO compat_check VALUES (18, (json_extract('{"a":[1,2]}', '$.a')::jsonb::text), '[1,2]', true);
-- sqlite: json_extract('{"first_name":"Ann"}', '$.first_name')
INSERT INTO compat_check VALUES (19, (json_extract('{"first_name":"Ann"}'::jsonb, '$.first_name')), 'Ann', false);
INSERT INTO compat_check VALUES (20, (json_type('{"a":1,"b":1.5,"c":"s","d":null,"e":true,"f":false,"g":[],"h":{}}', '$.a')), 'integer', false);
INSERT INTO compat_check VALUES (21, (json_type('{"a":1,"b":1.5}', '$.b')), 'real', false);
INSERT INTO compat_check VALUES (22, (json_type('{"c":"s"}', '$.c')), 'text', false);
INSERT INTO compat_check VALUES (23, (json_type('{"d":null}', '$.d')), 'null', false);
INSERT INTO compat_check VALUES (24, (json_type('{"e":true}', '$.e')), 'true', false);
INSERT INTO compat_check VALUES (25, (json_type('{"f":false}', '$.f')), 'false', false);
INSERT INTO compat_check VALUES (26, (json_type('{"g":[]}', '$.g') || json_type('{"h":{}}', '$.h')), 'arrayobject', false);
INSERT INTO compat_check VALUES (27, (json_type('{"a":1}', '$.missing')), NULL, false);
INSERT INTO compat_check VALUES (28, (json_type('[1]')), 'array', false);
INSERT INTO compat_check VALUES (29, (json_array_length('[1,2,3]')), '3', false);
INSERT INTO compat_check VALUES (30, (json_array_length('{"a":1}')), '0', false);
INSERT INTO compat_check VALUES (31, (json_array_length('[]')), '0', false);
INSERT INTO compat_check VALUES (32, ((SELECT group_concat(key || '=' || ifnull(value, 'NULL') || ':' || type || ':' || ifnull(atom, '-'), ';') FROM json_each('["a",2,null,true,[1],{"k":"v"}]'))), '0=a:text:a;1=2:integer:2;2=NULL:null:-;3=1:true:1;4=[1]:array:-;5={"k":"v"}:object:-', false);
INSERT INTO compat_check VALUES (33, ((SELECT group_concat(key || '=' || value, ';') FROM json_each('{"b":"x","a":1}'))), 'b=x;a=1', false);
INSERT INTO compat_check VALUES (34, ((SELECT count(*) FROM json_each('[]'))), '0', false);
INSERT INTO compat_check VALUES (35, ((SELECT group_concat(value, ', ') FROM json_each('["x","y","z"]'))), 'x, y, z', false);
-- sqlite: (SELECT group_concat(v) FROM (SELECT 'a' AS v UNION ALL SELECT NULL UNION ALL SELECT 'c'))
INSERT INTO compat_check VALUES (36, ((SELECT group_concat(v) FROM (SELECT 'a' AS v UNION ALL SELECT NULL UNION ALL SELECT 'c') s)), 'a,c', false);
-- sqlite: (SELECT ifnull(group_concat(v, '-'), 'NULL') FROM (SELECT 'a' AS v WHERE 0))
INSERT INTO compat_check VALUES (37, ((SELECT ifnull(group_concat(v, '-'), 'NULL') FROM (SELECT 'a' AS v WHERE false) s)), 'NULL', false);
-- sqlite: (SELECT json_group_array(v) FROM (SELECT 'a' AS v WHERE 0))
INSERT INTO compat_check VALUES (38, ((SELECT json_group_array(v)::text FROM (SELECT 'a'::text AS v WHERE false) s)), '[]', true);
-- sqlite: (SELECT json_group_array(v) FROM (SELECT 'a' AS v UNION ALL SELECT 'b"c'))
INSERT INTO compat_check VALUES (39, ((SELECT json_group_array(v)::text FROM (SELECT 'a'::text AS v UNION ALL SELECT 'b"c') s)), '["a","b\"c"]', true);
-- sqlite: (SELECT json_group_array(v) FROM (SELECT 1 AS v UNION ALL SELECT 2))
INSERT INTO compat_check VALUES (40, ((SELECT json_group_array(v)::text FROM (SELECT 1 AS v UNION ALL SELECT 2) s)), '[1,2]', true);
-- sqlite: (SELECT json_group_array(json(v)) FROM (SELECT '{"a":1}' AS v UNION ALL SELECT '[2]'))
INSERT INTO compat_check VALUES (41, ((SELECT json_group_array(json(v))::text FROM (SELECT '{"a":1}'::text AS v UNION ALL SELECT '[2]') s)), '[{"a":1},[2]]', true);
-- sqlite: (SELECT total(v) FROM (SELECT 1 AS v UNION ALL SELECT 2))
INSERT INTO compat_check VALUES (42, ((SELECT total(v) FROM (SELECT 1 AS v UNION ALL SELECT 2) s)::numeric(20,1)::text), '3.0', false);
-- sqlite: (SELECT total(v) FROM (SELECT 1 AS v WHERE 0))
INSERT INTO compat_check VALUES (43, ((SELECT total(v) FROM (SELECT 1 AS v WHERE false) s)::numeric(20,1)::text), '0.0', false);
-- sqlite: json_set('{"status":"pending","x":1}', '$.status', 'authorized')
INSERT INTO compat_check VALUES (44, (json_set('{"status":"pending","x":1}', '$.status', 'authorized')::jsonb::text), '{"status":"authorized","x":1}', true);
-- sqlite: json_set('{}', '$.errors', json('[1]'))
INSERT INTO compat_check VALUES (45, (json_set('{}'::jsonb, '$.errors', '[1]'::jsonb)::jsonb::text), '{"errors":[1]}', true);
-- sqlite: json_insert('[1,2]', '$[#]', 'x')
INSERT INTO compat_check VALUES (46, (json_insert('[1,2]', '$[#]', 'x')::jsonb::text), '[1,2,"x"]', true);
-- sqlite: json_insert('{"a":1}', '$.a', 9)
INSERT INTO compat_check VALUES (47, (json_insert('{"a":1}', '$.a', 9)::jsonb::text), '{"a":1}', true);
-- sqlite: json_insert(coalesce(json_extract('{}', '$.errors'), '[]'), '$[#]', '{"m":1}')
INSERT INTO compat_check VALUES (48, (json_insert(coalesce(json_extract('{}', '$.errors'), '[]'), '$[#]', '{"m":1}')::jsonb::text), '["{\"m\":1}"]', true);
-- sqlite: json_patch('{"a":1,"b":{"c":2,"d":3}}', '{"b":{"c":null,"e":4},"f":5}')
INSERT INTO compat_check VALUES (49, (json_patch('{"a":1,"b":{"c":2,"d":3}}', '{"b":{"c":null,"e":4},"f":5}')::jsonb::text), '{"a":1,"b":{"d":3,"e":4},"f":5}', true);
INSERT INTO compat_check VALUES (50, (strftime('%Y-%m-%dT%H:%M:%fZ', '2024-03-05 07:08:09.123')), '2024-03-05T07:08:09.123Z', false);
INSERT INTO compat_check VALUES (51, (strftime('%s', '2024-03-05T07:08:09Z')), '1709622489', false);
INSERT INTO compat_check VALUES (52, (length(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))), '24', false);
-- sqlite: (SELECT group_concat(v) FROM (SELECT 1 AS v UNION ALL SELECT 20))
INSERT INTO compat_check VALUES (53, ((SELECT group_concat(v) FROM (SELECT 1 AS v UNION ALL SELECT 20) s)), '1,20', false);
-- sqlite: (SELECT group_concat(v, '|') FROM (SELECT 1 AS v UNION ALL SELECT 20))
INSERT INTO compat_check VALUES (54, ((SELECT group_concat(v, '|') FROM (SELECT 1 AS v UNION ALL SELECT 20) s)), '1|20', false);
DO $$
DECLARE
    r record;
    bad integer := 0;
BEGIN
    FOR r IN SELECT * FROM compat_check ORDER BY n LOOP
        IF r.got IS DISTINCT FROM r.expected
           AND NOT (r.is_json AND r.got::jsonb = r.expected::jsonb) THEN
            RAISE WARNING 'check %: got %, SQLite gave %', r.n, coalesce(r.got, 'NULL'),
                coalesce(r.expected, 'NULL');
            bad := bad + 1;
        END IF;
    END LOOP;
    IF bad > 0 THEN
        RAISE EXCEPTION '% of % compat checks differ from SQLite', bad,
            (SELECT count(*) FROM compat_check);
    END IF;
    RAISE NOTICE 'compat-check: % checks agree with SQLite', (SELECT count(*) FROM compat_check);
END $$;
DROP TABLE compat_check;
