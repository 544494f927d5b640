// The cloud code both servers load for the bench's Cloud Code scenarios (bench/run.sh passes it
// to each as --cloud): one function, and one beforeSave that edits the object.
Parse.Cloud.define('hello', (request) => 'Hello, ' + (request.params.name || 'world') + '!');

Parse.Cloud.beforeSave('BenchReview', (request) => {
  const text = request.object.get('text') || '';
  request.object.set('text', text.trim());
  request.object.set('textLength', text.trim().length);
});
