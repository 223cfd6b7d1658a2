from openai import OpenAI

API_KEY = ("sk-proj-cJPEUMZKUS_ZIqnAG-HBkAjHGtwZdrMlv7YD-eb49SOemKIXTlm27JC652OyOtyk-OqMDcNm"
           "0TT3BlbkFJ0VJLkH6LGpXmnWV3y76V6JBjY7OcZukbohQmayMkuPg8q2RoxUe6FGP6-1UJCBMMjds2Fc6qJ_")
client = OpenAI(api_key=API_KEY)
