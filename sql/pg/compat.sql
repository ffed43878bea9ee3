-- compat.sql: SQLite functions the C code's SQL calls that PostgreSQL 15 lacks or spells
-- differently, as SQL/plpgsql functions and aggregates, so that those calls run unchanged.
-- Applied before the migrations (sql/pg/README.md); idempotent: functions are CREATE OR REPLACE,
-- aggregates are dropped and re-created (PostgreSQL 15 has no CREATE OR REPLACE AGGREGATE
-- for a changed state type; DROP ... IF EXISTS keeps a re-run harmless).
-- Checked against the sqlite3 CLI's answers by compat-check.sql.
--
-- Return types (SQLite's values are dynamically typed; these are the closest fixed types):
--   json_extract(x, path)   text: a string's text, a number's digits, true/false as 1/0 (as
--                           SQLite returns them), an object/array as its JSON text (jsonb's
--                           spelling: ", " and ": " separators, where SQLite writes none);
--                           NULL for JSON null or a missing path. Compare numbers after a cast.
--   json_type(x[, path])    text: null, true, false, integer, real, text, array, object.
--   json_each(x)            (key text, value text, type text, atom text), in document order;
--                           key is the index ("0", "1", ...) for an array, NULL for a scalar.
--   json_group_array(v)     json: '[]' for no rows; a json/jsonb value is embedded as JSON.
--   group_concat(v[, sep])  text: string_agg (NULLs skipped, input order kept, ',' by default).
--   iif / ifnull            the arguments' common type.      instr    integer (1-based, 0: none)
--   total(x)                double precision, 0 for no rows.  strftime text, UTC.
--   json_set / json_insert / json_patch   jsonb (the text forms take and give text).
-- Not covered here (needs a rewrite, no SQL function can take SQLite's mixed variadic
-- arguments): json_object(k1, v1, ...) -> json_build_object, json_array(...) -> json_build_array.
-- json(x) needs no function: PostgreSQL reads json(x) as the cast x::json.

-- ---------------------------------------------------------------------------------------------
-- Scalars
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION iif(boolean, anycompatible, anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 THEN $2 ELSE $3 END $$;

CREATE OR REPLACE FUNCTION ifnull(anycompatible, anycompatible) RETURNS anycompatible
    LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce($1, $2) $$;

CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos($1, $2) $$;

-- strftime(format, time): %Y %m %d %H %M %S %f (SS.SSS) %s (epoch seconds) %j %w %%; time is
-- 'now' (the transaction's time; SQLite: the statement's) or anything timestamptz reads
-- (a time without zone is UTC, as SQLite's).
CREATE OR REPLACE FUNCTION strftime(fmt text, tv text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    t timestamp;  -- UTC
    r text := '';
    i integer := 1;
    ch text;
BEGIN
    IF lower(tv) = 'now' THEN
        t := now() AT TIME ZONE 'UTC';
    ELSE
        t := (CASE WHEN tv ~ '([zZ]|[+-]\d\d:?\d\d)$' THEN tv::timestamptz
                   ELSE (tv || 'Z')::timestamptz END) AT TIME ZONE 'UTC';
    END IF;
    WHILE i <= length(fmt) LOOP
        ch := substr(fmt, i, 1);
        IF ch = '%' AND i < length(fmt) THEN
            i := i + 1;
            ch := substr(fmt, i, 1);
            r := r || CASE ch
                WHEN 'Y' THEN to_char(t, 'YYYY')
                WHEN 'm' THEN to_char(t, 'MM')
                WHEN 'd' THEN to_char(t, 'DD')
                WHEN 'H' THEN to_char(t, 'HH24')
                WHEN 'M' THEN to_char(t, 'MI')
                WHEN 'S' THEN to_char(t, 'SS')
                WHEN 'f' THEN to_char(t, 'SS.MS')
                WHEN 's' THEN floor(extract(epoch FROM t))::bigint::text
                WHEN 'j' THEN to_char(t, 'DDD')
                WHEN 'w' THEN extract(dow FROM t)::integer::text
                WHEN '%' THEN '%'
                ELSE '%' || ch END;
        ELSE
            r := r || ch;
        END IF;
        i := i + 1;
    END LOOP;
    RETURN r;
END $$;

-- ---------------------------------------------------------------------------------------------
-- JSON paths: '$', '$.a.b', '$[0]', '$.a[1].b', '$."a b"' -> a text[] path for #> / jsonb_set.
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION sqlite_json_path(p text) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    r text[] := '{}';
    rest text;
    m text[];
BEGIN
    IF left(p, 1) <> '$' THEN
        RAISE EXCEPTION 'JSON path error near ''%''', p;
    END IF;
    rest := substr(p, 2);
    WHILE rest <> '' LOOP
        m := regexp_match(rest, '^(\.([A-Za-z0-9_$-]+)|\."([^"]*)"|\[(#|#-\d+|\d+)\])');
        IF m IS NULL THEN
            RAISE EXCEPTION 'JSON path error near ''%''', rest;
        END IF;
        r := r || coalesce(m[2], m[3], m[4]);
        rest := substr(rest, length(m[1]) + 1);
    END LOOP;
    RETURN r;
END $$;

-- A jsonb value as SQLite returns an extracted value (see the header).
CREATE OR REPLACE FUNCTION sqlite_json_value(v jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(v)
        WHEN 'string' THEN v #>> '{}'
        WHEN 'number' THEN v #>> '{}'
        WHEN 'boolean' THEN CASE WHEN v = 'true'::jsonb THEN '1' ELSE '0' END
        WHEN 'null' THEN NULL
        ELSE v::text END
$$;

CREATE OR REPLACE FUNCTION sqlite_json_type(v jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE jsonb_typeof(v)
        WHEN 'string' THEN 'text'
        WHEN 'number' THEN CASE WHEN (v #>> '{}') ~ '^-?\d+$' THEN 'integer' ELSE 'real' END
        WHEN 'boolean' THEN v #>> '{}'
        ELSE jsonb_typeof(v) END
$$;

-- The element a path names; '[#-N]' counts from the end. NULL when missing.
CREATE OR REPLACE FUNCTION sqlite_json_at(j jsonb, p text) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    k text;
BEGIN
    FOREACH k IN ARRAY sqlite_json_path(p) LOOP
        IF jsonb_typeof(j) = 'array' AND k ~ '^#-\d+$' THEN
            j := j -> (jsonb_array_length(j) - substr(k, 3)::integer);
        ELSIF jsonb_typeof(j) = 'array' AND k ~ '^\d+$' THEN
            j := j -> k::integer;
        ELSIF jsonb_typeof(j) = 'object' THEN
            j := j -> k;
        ELSE
            RETURN NULL;
        END IF;
        IF j IS NULL THEN
            RETURN NULL;
        END IF;
    END LOOP;
    RETURN j;
END $$;

CREATE OR REPLACE FUNCTION json_extract(jsonb, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sqlite_json_value(sqlite_json_at($1, $2)) $$;
CREATE OR REPLACE FUNCTION json_extract(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT json_extract($1::jsonb, $2) $$;

CREATE OR REPLACE FUNCTION json_type(jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sqlite_json_type($1) $$;
CREATE OR REPLACE FUNCTION json_type(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sqlite_json_type($1::jsonb) $$;
CREATE OR REPLACE FUNCTION json_type(jsonb, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT sqlite_json_type(sqlite_json_at($1, $2)) $$;
CREATE OR REPLACE FUNCTION json_type(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT json_type($1::jsonb, $2) $$;

CREATE OR REPLACE FUNCTION json_array_length(text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE WHEN jsonb_typeof($1::jsonb) = 'array' THEN jsonb_array_length($1::jsonb)
                ELSE 0 END $$;
CREATE OR REPLACE FUNCTION json_array_length(text, text) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT CASE jsonb_typeof(sqlite_json_at($1::jsonb, $2))
                WHEN 'array' THEN jsonb_array_length(sqlite_json_at($1::jsonb, $2))
                WHEN NULL THEN NULL ELSE 0 END $$;

-- json_each: arrays by index, objects by key (in the text's order for the text form: jsonb
-- would sort the keys; for the jsonb form the order is jsonb's), a scalar as one row. The text
-- form gives an object or array member as it is written in the input (SQLite: minified).
-- Not STRICT, so the planner inlines them into the query (a NULL still gives no row: every
-- branch's WHERE is NULL then); a STRICT one runs apart, estimated at 1000 rows, and the
-- relation loaders' joins over it took twice as long (GET /store/products 13 ms -> 6 ms).
CREATE OR REPLACE FUNCTION json_each(jsonb)
    RETURNS TABLE (key text, value text, type text, atom text)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT (e.o - 1)::text, sqlite_json_value(e.v), sqlite_json_type(e.v),
           CASE WHEN jsonb_typeof(e.v) IN ('array', 'object') THEN NULL
                ELSE sqlite_json_value(e.v) END
      FROM jsonb_array_elements($1) WITH ORDINALITY AS e (v, o)
     WHERE jsonb_typeof($1) = 'array'
    UNION ALL
    SELECT e.k, sqlite_json_value(e.v), sqlite_json_type(e.v),
           CASE WHEN jsonb_typeof(e.v) IN ('array', 'object') THEN NULL
                ELSE sqlite_json_value(e.v) END
      FROM jsonb_each($1) AS e (k, v)
     WHERE jsonb_typeof($1) = 'object'
    UNION ALL
    SELECT NULL, sqlite_json_value($1), sqlite_json_type($1), sqlite_json_value($1)
     WHERE jsonb_typeof($1) NOT IN ('array', 'object')
$$;
CREATE OR REPLACE FUNCTION json_each(text)
    RETURNS TABLE (key text, value text, type text, atom text)
    LANGUAGE sql IMMUTABLE AS $$
    SELECT (e.o - 1)::text,
           CASE WHEN json_typeof(e.v) IN ('array', 'object') THEN e.v::text
                ELSE sqlite_json_value(e.v::jsonb) END, sqlite_json_type(e.v::jsonb),
           CASE WHEN json_typeof(e.v) IN ('array', 'object') THEN NULL
                ELSE sqlite_json_value(e.v::jsonb) END
      FROM json_array_elements($1::json) WITH ORDINALITY AS e (v, o)
     WHERE json_typeof($1::json) = 'array'
    UNION ALL
    SELECT e.k,
           CASE WHEN json_typeof(e.v) IN ('array', 'object') THEN e.v::text
                ELSE sqlite_json_value(e.v::jsonb) END, sqlite_json_type(e.v::jsonb),
           CASE WHEN json_typeof(e.v) IN ('array', 'object') THEN NULL
                ELSE sqlite_json_value(e.v::jsonb) END
      FROM json_each($1::json) AS e (k, v)
     WHERE json_typeof($1::json) = 'object'
    UNION ALL
    SELECT NULL, sqlite_json_value($1::jsonb), sqlite_json_type($1::jsonb),
           sqlite_json_value($1::jsonb)
     WHERE json_typeof($1::json) NOT IN ('array', 'object')
$$;

-- ---------------------------------------------------------------------------------------------
-- JSON writers. A text value is stored as a JSON string, a json/jsonb value as JSON, a number
-- as a number, a boolean as true/false (SQLite has no booleans: it stores 0/1).
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION sqlite_to_jsonb(anyelement) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce(to_jsonb($1), 'null'::jsonb) $$;

-- json_set(doc, path, value): replaces or creates the value at path (parents must exist, as
-- in SQLite); '[#]' appends to an array.
CREATE OR REPLACE FUNCTION sqlite_json_write(doc jsonb, p text, v jsonb, do_replace boolean,
    do_create boolean) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    path text[] := sqlite_json_path(p);
    parent jsonb;
    last text;
    exists_ boolean;
BEGIN
    IF doc IS NULL THEN
        RETURN NULL;
    END IF;
    IF cardinality(path) = 0 THEN
        RETURN CASE WHEN do_replace THEN v ELSE doc END;
    END IF;
    parent := CASE WHEN cardinality(path) = 1 THEN doc
                   ELSE sqlite_json_at(doc, '$' || (SELECT string_agg(
                        CASE WHEN k ~ '^(#|#-\d+|\d+)$' THEN '[' || k || ']'
                             ELSE '."' || k || '"' END, '' ORDER BY o)
                        FROM unnest(path[1:cardinality(path) - 1]) WITH ORDINALITY AS u (k, o)))
              END;
    last := path[cardinality(path)];
    IF parent IS NULL THEN
        RETURN doc;
    END IF;
    IF jsonb_typeof(parent) = 'array' THEN
        IF last = '#' THEN
            last := jsonb_array_length(parent)::text;
        ELSIF last ~ '^#-\d+$' THEN
            last := (jsonb_array_length(parent) - substr(last, 3)::integer)::text;
        END IF;
        exists_ := last::integer < jsonb_array_length(parent);
        path[cardinality(path)] := last;
        IF exists_ AND do_replace THEN
            RETURN jsonb_set(doc, path, v, false);
        ELSIF NOT exists_ AND do_create AND last::integer = jsonb_array_length(parent) THEN
            RETURN jsonb_insert(doc, path, v, false);
        END IF;
        RETURN doc;
    ELSIF jsonb_typeof(parent) = 'object' THEN
        exists_ := parent ? last;
        IF (exists_ AND do_replace) OR (NOT exists_ AND do_create) THEN
            RETURN jsonb_set(doc, path, v, true);
        END IF;
    END IF;
    RETURN doc;
END $$;

CREATE OR REPLACE FUNCTION json_set(jsonb, text, anyelement) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_json_write($1, $2, sqlite_to_jsonb($3), true, true) $$;
CREATE OR REPLACE FUNCTION json_set(text, text, anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT sqlite_json_write($1::jsonb, $2, sqlite_to_jsonb($3), true, true)::text $$;
CREATE OR REPLACE FUNCTION json_set(jsonb, text, text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_json_write($1, $2, sqlite_to_jsonb($3), true, true) $$;
CREATE OR REPLACE FUNCTION json_set(text, text, text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT sqlite_json_write($1::jsonb, $2, sqlite_to_jsonb($3), true, true)::text $$;

CREATE OR REPLACE FUNCTION json_insert(jsonb, text, anyelement) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_json_write($1, $2, sqlite_to_jsonb($3), false, true) $$;
CREATE OR REPLACE FUNCTION json_insert(text, text, anyelement) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT sqlite_json_write($1::jsonb, $2, sqlite_to_jsonb($3), false, true)::text $$;
CREATE OR REPLACE FUNCTION json_insert(jsonb, text, text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_json_write($1, $2, sqlite_to_jsonb($3), false, true) $$;
CREATE OR REPLACE FUNCTION json_insert(text, text, text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT sqlite_json_write($1::jsonb, $2, sqlite_to_jsonb($3), false, true)::text $$;

-- json_patch: RFC 7396 merge patch (a null member removes the key; a non-object patch
-- replaces the whole target), as SQLite's.
CREATE OR REPLACE FUNCTION json_patch(target jsonb, patch jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
    k text;
    v jsonb;
BEGIN
    IF jsonb_typeof(patch) <> 'object' THEN
        RETURN patch;
    END IF;
    IF jsonb_typeof(target) <> 'object' THEN
        target := '{}';
    END IF;
    FOR k, v IN SELECT * FROM jsonb_each(patch) LOOP
        IF jsonb_typeof(v) = 'null' THEN
            target := target - k;
        ELSE
            target := jsonb_set(target, ARRAY[k],
                                json_patch(coalesce(target -> k, 'null'::jsonb), v), true);
        END IF;
    END LOOP;
    RETURN target;
END $$;
CREATE OR REPLACE FUNCTION json_patch(text, text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT json_patch($1::jsonb, $2::jsonb)::text $$;

-- ---------------------------------------------------------------------------------------------
-- Aggregates
-- ---------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION sqlite_group_concat_step(acc text, v text, sep text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN v IS NULL THEN acc WHEN acc IS NULL THEN v ELSE acc || sep || v END $$;
CREATE OR REPLACE FUNCTION sqlite_group_concat_step(acc text, v text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_group_concat_step(acc, v, ',') $$;

DROP AGGREGATE IF EXISTS group_concat(text);
CREATE AGGREGATE group_concat(text) (sfunc = sqlite_group_concat_step, stype = text);
DROP AGGREGATE IF EXISTS group_concat(text, text);
CREATE AGGREGATE group_concat(text, text) (sfunc = sqlite_group_concat_step, stype = text);
-- Any other value (SQLite concatenates numbers too) as its text.
CREATE OR REPLACE FUNCTION sqlite_group_concat_any(acc text, v anynonarray) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_group_concat_step(acc, v::text, ',') $$;
DROP AGGREGATE IF EXISTS group_concat(anynonarray);
CREATE AGGREGATE group_concat(anynonarray) (sfunc = sqlite_group_concat_any, stype = text);
CREATE OR REPLACE FUNCTION sqlite_group_concat_any(acc text, v anynonarray, sep text)
    RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT sqlite_group_concat_step(acc, v::text, sep) $$;
DROP AGGREGATE IF EXISTS group_concat(anynonarray, text);
CREATE AGGREGATE group_concat(anynonarray, text) (sfunc = sqlite_group_concat_any, stype = text);

CREATE OR REPLACE FUNCTION sqlite_json_group_array_step(acc jsonb[], v anyelement) RETURNS jsonb[]
    LANGUAGE sql IMMUTABLE AS $$ SELECT acc || sqlite_to_jsonb(v) $$;
CREATE OR REPLACE FUNCTION sqlite_json_group_array_final(acc jsonb[]) RETURNS json
    LANGUAGE sql IMMUTABLE AS $$
    SELECT ('[' || coalesce(array_to_string(acc, ','), '') || ']')::json $$;

DROP AGGREGATE IF EXISTS json_group_array(anyelement);
CREATE AGGREGATE json_group_array(anyelement) (sfunc = sqlite_json_group_array_step,
    stype = jsonb[], finalfunc = sqlite_json_group_array_final, initcond = '{}');
-- Objects and arrays (json_object/json_array give json) keep their keys in the order written,
-- as SQLite's do: their text is collected as it is, never through jsonb.
CREATE OR REPLACE FUNCTION sqlite_json_group_array_json_step(acc text[], v json) RETURNS text[]
    LANGUAGE sql IMMUTABLE AS $$ SELECT acc || coalesce(v::text, 'null') $$;
CREATE OR REPLACE FUNCTION sqlite_json_group_array_json_final(acc text[]) RETURNS json
    LANGUAGE sql IMMUTABLE AS $$
    SELECT ('[' || coalesce(array_to_string(acc, ','), '') || ']')::json $$;
DROP AGGREGATE IF EXISTS json_group_array(json);
CREATE AGGREGATE json_group_array(json) (sfunc = sqlite_json_group_array_json_step,
    stype = text[], finalfunc = sqlite_json_group_array_json_final, initcond = '{}');

DROP AGGREGATE IF EXISTS total(double precision);
CREATE AGGREGATE total(double precision) (sfunc = float8pl, stype = double precision,
    initcond = '0');

-- json = json (SQLite's JSON is text, so nullif(json_group_array(...), '[]') compares texts).
CREATE OR REPLACE FUNCTION sqlite_json_eq(a json, b json) RETURNS boolean
    LANGUAGE sql IMMUTABLE AS $$ SELECT a::text = b::text $$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_operator WHERE oprname = '='
                   AND oprleft = 'json'::regtype AND oprright = 'json'::regtype) THEN
        CREATE OPERATOR = (LEFTARG = json, RIGHTARG = json, FUNCTION = sqlite_json_eq);
    END IF;
END $$;

-- jsonb_order(x): SQLite's connections register it to give a stored JSON object's keys in
-- jsonb's order (src/db/sqlite.c); a jsonb value already has them so.
CREATE OR REPLACE FUNCTION jsonb_order(v jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT v $$;
CREATE OR REPLACE FUNCTION jsonb_order(v text) RETURNS jsonb
    LANGUAGE sql IMMUTABLE AS $$ SELECT v::jsonb $$;
