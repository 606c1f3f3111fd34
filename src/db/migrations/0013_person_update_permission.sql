-- Data: the new permission to change a person's record and circle goes to the default roles that
-- open records (coordinators and practitioners) in structures set up before it existed.
UPDATE role SET permissions = array_append(permissions, 'person:update')
 WHERE code IN ('coordinator', 'practitioner') AND NOT ('person:update' = ANY(permissions));
