-- The office lists tips newest first within its programs, ties broken by reference, and
-- pages by a cursor on (received_at, reference): this index serves both without a sort.
create index tip_program_received_reference on tip (program, received_at desc, reference);
drop index tip_program_received;
