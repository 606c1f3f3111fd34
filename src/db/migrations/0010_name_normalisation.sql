-- Names compared as people type them: without accents, case, hyphens or apostrophes
-- ("Éloïse Lefèvre-Dupré" and "eloise lefevre dupre" normalise alike). unaccent() is only STABLE
-- because its dictionary could change; naming the dictionary explicitly makes this wrapper safe to
-- declare IMMUTABLE, so it can feed a generated column and a trigram index.
CREATE FUNCTION relais_normalize_name(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $fn$
  SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^a-z0-9]+', ' ', 'g'))
$fn$;
