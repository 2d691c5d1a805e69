// description: Bulk first load (embedded store only): append every MEMBER_OF row from MEMBER_OF.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY MEMBER_OF FROM 'MEMBER_OF.csv' (HEADER=false)
