// description: Bulk first load (embedded store only): append every HAS_TARGET row from HAS_TARGET.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY HAS_TARGET FROM 'HAS_TARGET.csv' (HEADER=false)
