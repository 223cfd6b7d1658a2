package main

const slackToken = "xoxb-506979028894-1412049" +
	"923902-1dAjxxlFOz8EF0HaoC87xtkZ"
