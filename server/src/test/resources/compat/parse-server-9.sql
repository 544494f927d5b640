--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: array_add(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_add("array" jsonb, "values" jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT array_to_json(ARRAY(SELECT unnest(ARRAY(SELECT DISTINCT jsonb_array_elements("array")) || ARRAY(SELECT jsonb_array_elements("values")))))::jsonb; $$;


--
-- Name: array_add_unique(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_add_unique("array" jsonb, "values" jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT array_to_json(ARRAY(SELECT DISTINCT unnest(ARRAY(SELECT DISTINCT jsonb_array_elements("array")) || ARRAY(SELECT DISTINCT jsonb_array_elements("values")))))::jsonb; $$;


--
-- Name: array_contains(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_contains("array" jsonb, "values" jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT RES.CNT >= 1 FROM (SELECT COUNT(*) as CNT FROM jsonb_array_elements("array") as elt WHERE elt IN (SELECT jsonb_array_elements("values"))) as RES; $$;


--
-- Name: array_contains_all(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_contains_all("array" jsonb, "values" jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT CASE WHEN 0 = jsonb_array_length("values") THEN true = false ELSE (SELECT RES.CNT = jsonb_array_length("values") FROM (SELECT COUNT(*) as CNT FROM jsonb_array_elements_text("array") as elt WHERE elt IN (SELECT jsonb_array_elements_text("values"))) as RES) END; $$;


--
-- Name: array_contains_all_regex(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_contains_all_regex("array" jsonb, "values" jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT CASE WHEN 0 = jsonb_array_length("values") THEN true = false ELSE (SELECT RES.CNT = jsonb_array_length("values") FROM (SELECT COUNT(*) as CNT FROM jsonb_array_elements_text("array") as elt WHERE elt LIKE ANY (SELECT jsonb_array_elements_text("values"))) as RES) END; $$;


--
-- Name: array_remove(jsonb, jsonb); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.array_remove("array" jsonb, "values" jsonb) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT array_to_json(ARRAY(SELECT * FROM jsonb_array_elements("array") as elt WHERE elt NOT IN (SELECT * FROM (SELECT jsonb_array_elements("values")) AS sub)))::jsonb; $$;


--
-- Name: idempotency_delete_expired_records(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.idempotency_delete_expired_records() RETURNS void
    LANGUAGE plpgsql
    AS $$ BEGIN DELETE FROM "_Idempotency" WHERE expire < NOW() - INTERVAL '300 seconds'; END; $$;


--
-- Name: json_object_set_key(jsonb, text, anyelement); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.json_object_set_key(json jsonb, key_to_set text, value_to_set anyelement) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT concat('{', string_agg(to_json("key") || ':' || "value", ','), '}')::jsonb FROM (SELECT * FROM jsonb_each("json") WHERE key <> key_to_set UNION ALL SELECT key_to_set, to_json("value_to_set")::jsonb) AS fields $$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: Item; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."Item" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    _rperm text[],
    _wperm text[],
    arr jsonb,
    str text,
    area polygon,
    obj jsonb,
    bytes jsonb,
    place point,
    tags jsonb,
    date timestamp with time zone,
    bool boolean,
    owner text,
    "float" double precision,
    "int" double precision,
    doc text
);


--
-- Name: _Audience; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Audience" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    name text,
    query text,
    "lastUsed" timestamp with time zone,
    "timesUsed" double precision,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _GlobalConfig; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_GlobalConfig" (
    "objectId" text NOT NULL,
    params jsonb,
    "masterKeyOnly" jsonb
);


--
-- Name: _GraphQLConfig; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_GraphQLConfig" (
    "objectId" text NOT NULL,
    config jsonb
);


--
-- Name: _Hooks; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Hooks" (
    "functionName" text,
    "className" text,
    "triggerName" text,
    url text
);


--
-- Name: _Idempotency; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Idempotency" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    "reqId" text,
    expire timestamp with time zone,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _JobSchedule; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_JobSchedule" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    "jobName" text,
    description text,
    params text,
    "startAfter" text,
    "daysOfWeek" jsonb,
    "timeOfDay" text,
    "lastRun" double precision,
    "repeatMinutes" double precision,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _JobStatus; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_JobStatus" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    "jobName" text,
    source text,
    status text,
    message text,
    params jsonb,
    "finishedAt" timestamp with time zone,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _Join:fans:Item; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Join:fans:Item" (
    "relatedId" character varying(120) NOT NULL,
    "owningId" character varying(120) NOT NULL
);


--
-- Name: _Join:roles:_Role; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Join:roles:_Role" (
    "relatedId" character varying(120) NOT NULL,
    "owningId" character varying(120) NOT NULL
);


--
-- Name: _Join:users:_Role; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Join:users:_Role" (
    "relatedId" character varying(120) NOT NULL,
    "owningId" character varying(120) NOT NULL
);


--
-- Name: _PushStatus; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_PushStatus" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    "pushTime" text,
    source text,
    query text,
    payload text,
    title text,
    expiry double precision,
    expiration_interval double precision,
    status text,
    "numSent" double precision,
    "numFailed" double precision,
    "pushHash" text,
    "errorMessage" jsonb,
    "sentPerType" jsonb,
    "failedPerType" jsonb,
    "sentPerUTCOffset" jsonb,
    "failedPerUTCOffset" jsonb,
    count double precision,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _Role; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Role" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    name text,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _SCHEMA; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_SCHEMA" (
    "className" character varying(120) NOT NULL,
    schema jsonb,
    "isParseClass" boolean
);


--
-- Name: _Session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_Session" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    "user" text,
    "installationId" text,
    "sessionToken" text,
    "expiresAt" timestamp with time zone,
    "createdWith" jsonb,
    _rperm text[],
    _wperm text[]
);


--
-- Name: _User; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public."_User" (
    "objectId" text NOT NULL,
    "createdAt" timestamp with time zone,
    "updatedAt" timestamp with time zone,
    username text,
    email text,
    "emailVerified" boolean,
    "authData" jsonb,
    _rperm text[],
    _wperm text[],
    _hashed_password text,
    _email_verify_token_expires_at timestamp with time zone,
    _email_verify_token text,
    _account_lockout_expires_at timestamp with time zone,
    _failed_login_count double precision,
    _perishable_token text,
    _perishable_token_expires_at timestamp with time zone,
    _password_changed_at timestamp with time zone,
    _password_history jsonb
);


--
-- Data for Name: Item; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."Item" VALUES ('zi9JYDpaSx', '2026-11-30 14:56:45.088+00', '2026-11-30 14:56:45.088+00', '{*}', '{QyZxMQEoGz}', '[1, "two", {"three": 3}]', 'hello', '((0,0),(10,0),(10,10),(0,10),(0,0))', '{"a": 1, "nested": {"b": "x"}}', '{"__type": "Bytes", "base64": "aGVsbG8="}', '(13.4,52.5)', '["red", "green"]', '2024-05-06 07:08:09.123+00', true, 'QyZxMQEoGz', 2.5, 42, 'abc_notes.txt');
INSERT INTO public."Item" VALUES ('CAW1RTpsGO', '2026-11-30 14:56:45.23+00', '2026-11-30 14:56:45.23+00', '{QyZxMQEoGz}', '{QyZxMQEoGz}', NULL, 'alice only', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 7, NULL);
INSERT INTO public."Item" VALUES ('4TfryoKy7t', '2026-11-30 14:56:45.238+00', '2026-11-30 14:56:45.238+00', '{role:admins}', '{}', NULL, 'admins only', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 8, NULL);


--
-- Data for Name: _Audience; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _GlobalConfig; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _GraphQLConfig; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _Hooks; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _Idempotency; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _JobSchedule; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _JobStatus; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _Join:fans:Item; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_Join:fans:Item" VALUES ('QyZxMQEoGz', 'zi9JYDpaSx');
INSERT INTO public."_Join:fans:Item" VALUES ('G0rkCU61nw', 'zi9JYDpaSx');


--
-- Data for Name: _Join:roles:_Role; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _Join:users:_Role; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_Join:users:_Role" VALUES ('QyZxMQEoGz', 'QItTA9NPAv');


--
-- Data for Name: _PushStatus; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: _Role; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_Role" VALUES ('QItTA9NPAv', '2026-11-30 14:56:45.076+00', '2026-11-30 14:56:45.076+00', 'admins', '{*}', '{}');


--
-- Data for Name: _SCHEMA; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_SCHEMA" VALUES ('_User', '{"fields": {"email": {"type": "String"}, "_rperm": {"type": "Array", "contents": {"type": "String"}}, "_wperm": {"type": "Array", "contents": {"type": "String"}}, "authData": {"type": "Object"}, "objectId": {"type": "String"}, "username": {"type": "String"}, "createdAt": {"type": "Date"}, "updatedAt": {"type": "Date"}, "emailVerified": {"type": "Boolean"}, "_hashed_password": {"type": "String"}}, "className": "_User"}', true);
INSERT INTO public."_SCHEMA" VALUES ('_Role', '{"fields": {"name": {"type": "String"}, "roles": {"type": "Relation", "targetClass": "_Role"}, "users": {"type": "Relation", "targetClass": "_User"}, "_rperm": {"type": "Array", "contents": {"type": "String"}}, "_wperm": {"type": "Array", "contents": {"type": "String"}}, "objectId": {"type": "String"}, "createdAt": {"type": "Date"}, "updatedAt": {"type": "Date"}}, "className": "_Role"}', true);
INSERT INTO public."_SCHEMA" VALUES ('_Session', '{"fields": {"user": {"type": "Pointer", "targetClass": "_User"}, "_rperm": {"type": "Array", "contents": {"type": "String"}}, "_wperm": {"type": "Array", "contents": {"type": "String"}}, "objectId": {"type": "String"}, "createdAt": {"type": "Date"}, "expiresAt": {"type": "Date"}, "updatedAt": {"type": "Date"}, "createdWith": {"type": "Object"}, "sessionToken": {"type": "String"}, "installationId": {"type": "String"}}, "className": "_Session"}', true);
INSERT INTO public."_SCHEMA" VALUES ('Item', '{"fields": {"arr": {"type": "Array"}, "doc": {"type": "File"}, "int": {"type": "Number"}, "obj": {"type": "Object"}, "str": {"type": "String"}, "area": {"type": "Polygon"}, "bool": {"type": "Boolean"}, "date": {"type": "Date"}, "fans": {"type": "Relation", "targetClass": "_User"}, "tags": {"type": "Array"}, "bytes": {"type": "Bytes"}, "float": {"type": "Number"}, "owner": {"type": "Pointer", "targetClass": "_User"}, "place": {"type": "GeoPoint"}, "_rperm": {"type": "Array", "contents": {"type": "String"}}, "_wperm": {"type": "Array", "contents": {"type": "String"}}, "objectId": {"type": "String"}, "createdAt": {"type": "Date"}, "updatedAt": {"type": "Date"}}, "indexes": {"_id_": {"_id": 1}, "str_1": {"str": 1}}, "className": "Item"}', true);


--
-- Data for Name: _Session; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_Session" VALUES ('83qrh2HFGZ', '2026-11-30 14:56:44.953+00', '2026-11-30 14:56:44.953+00', 'QyZxMQEoGz', '04c54ad1-4fee-4b0b-a839-0985ce1d4c3f', 'r:bf05996574ee3786aa86be1e77b8734f', '2027-11-30 14:56:44.953+00', '{"action": "signup", "authProvider": "password"}', NULL, NULL);
INSERT INTO public."_Session" VALUES ('SZX7LG5fba', '2026-11-30 14:56:45.066+00', '2026-11-30 14:56:45.066+00', 'G0rkCU61nw', '04c54ad1-4fee-4b0b-a839-0985ce1d4c3f', 'r:552e70bf7a39108d3cd99e95bbf7292c', '2027-11-30 14:56:45.066+00', '{"action": "signup", "authProvider": "password"}', NULL, NULL);
INSERT INTO public."_Session" VALUES ('tYE0DjsCGa', '2026-11-30 14:56:48.164+00', '2026-11-30 14:56:48.164+00', 'QyZxMQEoGz', 'dbaa37ab-2871-4006-a531-7f07767816b8', 'r:9e00a2284e36203806cb2c963f185002', '2027-11-30 14:56:48.163+00', '{"action": "login", "authProvider": "password"}', NULL, NULL);


--
-- Data for Name: _User; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public."_User" VALUES ('QyZxMQEoGz', '2026-11-30 14:56:44.87+00', '2026-11-30 14:56:44.87+00', 'alice', 'alice@example.com', NULL, NULL, '{QyZxMQEoGz}', '{QyZxMQEoGz}', '$2y$10$.hsyR4KCONCr66wjFio/BemgpZUW3TrkdOHsmZSrkO57BDWId01cO', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO public."_User" VALUES ('G0rkCU61nw', '2026-11-30 14:56:44.995+00', '2026-11-30 14:56:44.995+00', 'bob', NULL, NULL, NULL, '{G0rkCU61nw}', '{G0rkCU61nw}', '$2y$10$6udVI49vyGw2v8EqEYB4X.awwolUA.Xihk7VU1FrAysr09Rk0OsoW', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);


--
-- Name: Item Item_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."Item"
    ADD CONSTRAINT "Item_pkey" PRIMARY KEY ("objectId");


--
-- Name: _Audience _Audience_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Audience"
    ADD CONSTRAINT "_Audience_pkey" PRIMARY KEY ("objectId");


--
-- Name: _GlobalConfig _GlobalConfig_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_GlobalConfig"
    ADD CONSTRAINT "_GlobalConfig_pkey" PRIMARY KEY ("objectId");


--
-- Name: _GraphQLConfig _GraphQLConfig_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_GraphQLConfig"
    ADD CONSTRAINT "_GraphQLConfig_pkey" PRIMARY KEY ("objectId");


--
-- Name: _Idempotency _Idempotency_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Idempotency"
    ADD CONSTRAINT "_Idempotency_pkey" PRIMARY KEY ("objectId");


--
-- Name: _JobSchedule _JobSchedule_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_JobSchedule"
    ADD CONSTRAINT "_JobSchedule_pkey" PRIMARY KEY ("objectId");


--
-- Name: _JobStatus _JobStatus_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_JobStatus"
    ADD CONSTRAINT "_JobStatus_pkey" PRIMARY KEY ("objectId");


--
-- Name: _Join:fans:Item _Join:fans:Item_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Join:fans:Item"
    ADD CONSTRAINT "_Join:fans:Item_pkey" PRIMARY KEY ("relatedId", "owningId");


--
-- Name: _Join:roles:_Role _Join:roles:_Role_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Join:roles:_Role"
    ADD CONSTRAINT "_Join:roles:_Role_pkey" PRIMARY KEY ("relatedId", "owningId");


--
-- Name: _Join:users:_Role _Join:users:_Role_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Join:users:_Role"
    ADD CONSTRAINT "_Join:users:_Role_pkey" PRIMARY KEY ("relatedId", "owningId");


--
-- Name: _PushStatus _PushStatus_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_PushStatus"
    ADD CONSTRAINT "_PushStatus_pkey" PRIMARY KEY ("objectId");


--
-- Name: _Role _Role_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Role"
    ADD CONSTRAINT "_Role_pkey" PRIMARY KEY ("objectId");


--
-- Name: _SCHEMA _SCHEMA_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_SCHEMA"
    ADD CONSTRAINT "_SCHEMA_pkey" PRIMARY KEY ("className");


--
-- Name: _Session _Session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_Session"
    ADD CONSTRAINT "_Session_pkey" PRIMARY KEY ("objectId");


--
-- Name: _User _User_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public."_User"
    ADD CONSTRAINT "_User_pkey" PRIMARY KEY ("objectId");


--
-- Name: _Idempotency_unique_reqId; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "_Idempotency_unique_reqId" ON public."_Idempotency" USING btree ("reqId");


--
-- Name: _Role_unique_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "_Role_unique_name" ON public."_Role" USING btree (name);


--
-- Name: _User_unique_authData_anonymous_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "_User_unique_authData_anonymous_id" ON public."_User" USING btree (((("authData" -> 'anonymous'::text) ->> 'id'::text))) WHERE ((("authData" -> 'anonymous'::text) ->> 'id'::text) IS NOT NULL);


--
-- Name: _User_unique_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "_User_unique_email" ON public."_User" USING btree (email);


--
-- Name: _User_unique_username; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX "_User_unique_username" ON public."_User" USING btree (username);


--
-- Name: _email_verify_token; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX _email_verify_token ON public."_User" USING btree (_email_verify_token);


--
-- Name: _perishable_token; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX _perishable_token ON public."_User" USING btree (_perishable_token);


--
-- Name: case_insensitive_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_insensitive_email ON public."_User" USING btree (lower(email) varchar_pattern_ops);


--
-- Name: case_insensitive_username; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX case_insensitive_username ON public."_User" USING btree (lower(username) varchar_pattern_ops);


--
-- Name: str_1; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX str_1 ON public."Item" USING btree (str);


--
-- Name: ttl; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ttl ON public."_Idempotency" USING btree (expire);


--
-- PostgreSQL database dump complete
--


