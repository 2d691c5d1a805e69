// description: Bulk first load (embedded store only): append every Measure row from Measure.csv staged by graph/ladybug_bulk.py (LadybugStore.copy_batch makes the file name absolute)
// params: none
COPY Measure FROM 'Measure.csv' (HEADER=false)
