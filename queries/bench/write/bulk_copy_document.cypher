// description: Bulk first load (embedded store only): append every Document row from Document.csv in the current directory (bench/bench_load.py stages the files)
// params: none
COPY Document FROM 'Document.csv' (HEADER=false)
